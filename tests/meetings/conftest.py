import pytest


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings):
    from django.core.cache import cache

    settings.PUBLIC_SITE_VERSION_SECONDS = 0  # tests see every change at once
    cache.clear()
    yield
    cache.clear()
