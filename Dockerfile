# Production image: gunicorn serves the app (static files through whitenoise); the same image
# runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=griffie.settings.production \
    PRIVATE_MEDIA_ROOT=/data/private_media

RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-nld nodejs npm \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN npm ci --no-audit --no-fund && npm run build && rm -rf node_modules \
    && pip install --no-cache-dir . \
    && SECRET_KEY=build python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 griffie && mkdir -p /data && chown griffie /data

USER griffie
EXPOSE 8000
CMD ["gunicorn", "griffie.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
