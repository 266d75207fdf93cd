"""Settings of the portal, read from the environment (see .env.example and the README).

There is one settings module: development, tests and production differ only by
environment variables.
"""

import os
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def read_env_file(path):
    """Load KEY=value lines of a local .env file into os.environ (the environment wins)."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


# Tests never read the developer's .env: they run with the defaults and what they set.
TESTING = "pytest" in sys.modules or os.environ.get("DJANGO_TESTING") == "1"
if not TESTING:
    read_env_file(BASE_DIR / ".env")


def env(name, default=None):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def database_from_url(url):
    """Return a Django DATABASES entry for a sqlite:/// or postgres:// URL."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///var/db.sqlite3 is relative to the project, sqlite:////abs/db is absolute.
        name = Path(unquote(parsed.path)[1:])
        name = name if name.is_absolute() else BASE_DIR / name
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            # Counters are written by several threads/processes: wait for the lock and take
            # the write lock at BEGIN so that no transaction has to be retried.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file beside the database (not in memory): the concurrency and browser tests
            # use it from several threads.
            "TEST": {"NAME": name.with_name(f"test_{name.name}")},
            # Every page writes a visit; closing the file after each request costs more
            # than the page itself.
            "CONN_MAX_AGE": 600,
        }
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": int(options.pop("conn_max_age", 60)),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parsed.scheme!r}")


# --- Core -------------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-only-for-local-debugging-never-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if TESTING:
    ALLOWED_HOSTS += ["testserver", "127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "ckeditor",
    "ckeditor_uploader",
    "axes",
    "portal.apps.PortalConfig",
    "articles",
    "documents",
    "inspections",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.VisitStatisticsMiddleware",
    # Axes goes last so that it sees the authentication result of every view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------

DATABASES = {"default": database_from_url(env("DATABASE_URL", "sqlite:///var/db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.PortalRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "portal"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }

# Sessions are read through the cache only when the cache is shared: a per-process cache
# would keep a session alive in one worker after another worker logged it out.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# Public pages are kept for guests this long at most (a save shows at once); 0 turns it off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", 60))
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Authentication ---------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:account"
LOGOUT_REDIRECT_URL = "portal:home"

# Group names are data the code refers to; the data migration creates them.
EDITORS_GROUP = "Biên tập viên"
REPORTERS_GROUP = "Báo cáo viên"
INSPECTORS_GROUP = "Kiểm tra – Giám sát"

# Failed logins: locked after 5 failures of the same user name from the same address.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_MINUTES", 15)) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.accounts.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.net.client_ip"
AXES_VERBOSE = False
# How many reverse proxies (nginx) stand in front of the app; their X-Forwarded-For
# entries are trusted, the rest are not.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", 0))

# Idle logout of signed-in users (minutes; 0 turns it off) and the warning before it.
IDLE_TIMEOUT_MINUTES = float(env("IDLE_TIMEOUT_MINUTES", 30))
IDLE_WARNING_SECONDS = int(env("IDLE_WARNING_SECONDS", 60))

# --- Language, time ---------------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Files ------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "var" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "portal.storage.PortalStaticStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Restricted files live outside MEDIA_ROOT; only an access-checked view sends them.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
# Set to a URL prefix (e.g. /_protected/) to let nginx send private files (X-Accel-Redirect).
PRIVATE_MEDIA_ACCEL_PREFIX = env("PRIVATE_MEDIA_ACCEL_PREFIX", "")
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMAGE_UPLOAD_MAX_BYTES = int(env("IMAGE_UPLOAD_MAX_BYTES", 8 * 1024 * 1024))
IMAGE_MAX_PIXELS = int(env("IMAGE_MAX_PIXELS", 40_000_000))

# --- Email ------------------------------------------------------------------------------

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", 25))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Readers' comments -------------------------------------------------------------------

# Members' comments appear at once when true; guests' always wait for a moderator.
COMMENTS_MEMBERS_SKIP_MODERATION = env_bool("COMMENTS_MEMBERS_SKIP_MODERATION", False)

# --- Visit statistics -------------------------------------------------------------------

VISIT_ONLINE_WINDOW_SECONDS = 5 * 60
VISIT_GAP_SECONDS = 30 * 60
# "db" (default) or "redis" (automatic when REDIS_URL is set).
VISIT_BACKEND = env("VISIT_BACKEND", "redis" if REDIS_URL else "db")

# --- Security ---------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Pages that must be framed by the site itself (PDF previews) opt in with
# @xframe_options_sameorigin.
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
if not (DEBUG or TESTING):
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    if TRUSTED_PROXY_COUNT:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# CKEditor 4 no longer receives security fixes. It stays behind RICH_TEXT_EDITOR and every
# HTML it produces is sanitized on save, so its warning is acknowledged here.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
RICH_TEXT_EDITOR = env("RICH_TEXT_EDITOR", "ckeditor")
# Uploads go through portal.richtext.uploads (content checks, random names), never through
# ckeditor_uploader's own view; the path is only read by ckeditor_uploader at start-up.
CKEDITOR_UPLOAD_PATH = "articles/uploads/"
# Who may upload images from the editor (staff with any of these rights).
RICH_TEXT_UPLOAD_PERMISSIONS = ("articles.add_article", "articles.change_article")
CKEDITOR_CONFIGS = {
    "default": {
        "language": "vi",
        "height": 420,
        "width": "100%",
        "toolbar": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript"],
            ["NumberedList", "BulletedList", "Blockquote", "JustifyLeft", "JustifyCenter"],
            ["JustifyRight", "JustifyBlock", "Link", "Unlink", "Image", "Table", "HorizontalRule"],
            ["RemoveFormat", "Undo", "Redo", "Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "extraPlugins": "image2,uploadimage",
        "removePlugins": "image",
        # Upload by XHR so that a refused image comes back as a JSON message the editor shows.
        "filebrowserUploadMethod": "xhr",
        # No server-side file browser: it would list every upload to every editor.
        "filebrowserBrowseUrl": "",
    }
}
# Hosts whose iframes (videos, maps) survive the HTML sanitizer; https only.
RICH_TEXT_IFRAME_HOSTS = env_list(
    "RICH_TEXT_IFRAME_HOSTS", "www.youtube.com,www.youtube-nocookie.com,www.google.com"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# --- Documents ----------------------------------------------------------------------------

# Largest file an editor may attach to a document (bytes).
DOCUMENT_UPLOAD_MAX_BYTES = int(env("DOCUMENT_UPLOAD_MAX_BYTES", 30 * 1024 * 1024))
