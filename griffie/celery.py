import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "griffie.settings.dev")

app = Celery("griffie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def build_anonymiser_lookups(**kwargs):
    """Build the name lists and recognisers once, before the pool forks: never per task."""
    from documents.anonymisation import warm_up

    warm_up()
