"""The production cache is Django's RedisCache, shared by every web process; the demo and the
tests keep an in-memory cache."""

import os
import uuid

import pytest
from django.conf import settings
from django.urls import reverse

from tests.processes import run_python
from tests.publication.factories import published_document
from tests.services import require_redis_broker

REDIS = "griffie.caches.SharedClientRedisCache"  # Django's RedisCache, one client per process


def _settings_in(module: str, **env) -> str:
    code = "from django.conf import settings; c = settings.CACHES['default']; "
    code += "print(c['BACKEND'], c.get('LOCATION', ''))"
    environment = {"DJANGO_SETTINGS_MODULE": module, "SECRET_KEY": "k" * 60, "CACHE_URL": "", **env}
    result = run_python("-c", code, env=environment, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_uses_redis_and_the_demo_an_in_memory_cache():
    assert _settings_in("griffie.settings.production") == f"{REDIS} redis://127.0.0.1:6379/1"
    assert (
        _settings_in("griffie.settings.production", CACHE_URL="redis://cache:6379/3")
        == f"{REDIS} redis://cache:6379/3"
    )
    assert _settings_in("griffie.settings.dev").startswith(
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_docker_compose_gives_the_web_processes_the_shared_cache():
    compose = (settings.BASE_DIR / "docker-compose.yml").read_text()
    assert "CACHE_URL: redis://redis:6379/1" in compose


@pytest.mark.integration
@pytest.mark.django_db
def test_a_page_cached_by_one_process_is_served_to_another(
    client, settings, griffie_user, django_assert_num_queries
):
    url = os.environ.get("CACHE_URL") or require_redis_broker()
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": REDIS, "LOCATION": url, "KEY_PREFIX": prefix}}
    import redis

    server = redis.Redis.from_url(url)
    try:
        document = published_document(griffie_user, subject="Gedeelde cache")
        page = reverse("publication:incoming")
        assert "Gedeelde cache" in client.get(page).content.decode()
        keys = server.keys(f"{prefix}:*")
        assert keys, "the page did not reach Redis"
        # Another worker process: its own cache connection, same Redis, same page, and a
        # change still invalidates it for everyone.
        from django.core.cache import caches

        caches.close_all()
        del caches["default"]
        with django_assert_num_queries(1):  # only the site version: the page came from Redis
            assert "Gedeelde cache" in client.get(page).content.decode()
        from publication.service import withdraw_document

        withdraw_document(document, griffie_user, "fout")
        assert "Gedeelde cache" not in client.get(page).content.decode()
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)
