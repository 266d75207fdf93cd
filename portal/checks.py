"""System checks of the portal's own (the deploy ones run by `manage.py check --deploy`)."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register


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


def _within(path, root):
    return path == root or root in path.parents


@register()
def private_media_apart(app_configs, **kwargs):
    """Restricted files must not sit where the web server serves /media/ or /static/ as is:
    there any guessed name would bypass the download view's access check."""
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if not private:
        return []
    private = Path(private).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        value = getattr(settings, name, None)
        if not value:
            continue
        public = Path(value).resolve()
        if _within(private, public) or _within(public, private):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) and {name} ({public}) overlap: "
                    "restricted files could be served without an access check.",
                    hint=f"Give PRIVATE_MEDIA_ROOT a folder outside {name}, and not above it.",
                    id="portal.E001",
                )
            )
    return errors
