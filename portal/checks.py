"""Deployment checks of the portal's own (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if "LocMemCache" in backend:
        return [
            Warning(
                "The cache lives in each process's memory: a save made through one gunicorn "
                "worker shows in the others only when their cached copy expires.",
                hint="Set REDIS_URL so that all processes share one cache.",
                id="portal.W001",
            )
        ]
    return []
