"""deploy/: gunicorn's settings are real ones, and nginx, systemd, the env file, the README and
the app agree on the addresses, paths and limits they share."""

import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import get_commands
from django.test import Client
from django.urls import reverse
from gunicorn.config import Config

from tests.documents.factories import DocumentFileFactory

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
GUNICORN_ENV = (
    "GUNICORN_BIND",
    "GUNICORN_WORKERS",
    "GUNICORN_THREADS",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_LOG_LEVEL",
    "RUNTIME_DIRECTORY",
)


def gunicorn_settings(monkeypatch, **env):
    for name in GUNICORN_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    names = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    return {k: v for k, v in names.items() if not k.startswith("_") and not callable(v)}


def nginx_conf():
    text = (DEPLOY / "nginx" / "portal.conf").read_text()
    return re.sub(r"#[^\n]*", "", text)


def locations(conf, prefix):
    """The directives of each `location <prefix> { … }`, nested blocks left out."""
    found = []
    for match in re.finditer(r"location\s+" + re.escape(prefix) + r"\s*\{", conf):
        depth, i, body = 1, match.end(), []
        while depth:
            char = conf[i]
            i += 1
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 1 and char not in "{}":
                body.append(char)
        found.append("".join(body))
    assert found, f"no location {prefix} in portal.conf"
    return found


def location(conf, prefix, containing=""):
    return next(body for body in locations(conf, prefix) if containing in body)


def env_file():
    values = {}
    for line in (DEPLOY / "env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def unit(name):
    return (DEPLOY / "systemd" / name).read_text()


def size_in_bytes(value):
    number, unit_ = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit_.lower()]


def test_gunicorn_runs_threaded_workers_replaced_now_and_then(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["worker_class"] == "gthread"
    assert conf["workers"] >= 2
    assert conf["threads"] >= 2
    assert conf["max_requests"] > 0
    assert 0 < conf["max_requests_jitter"] < conf["max_requests"]
    assert conf["timeout"] > 0 and conf["graceful_timeout"] > 0
    assert conf["accesslog"] == "-"
    # The reader's address, as nginx passes it, not nginx's own.
    assert "%({x-real-ip}i)s" in conf["access_log_format"]


def test_every_name_in_the_gunicorn_file_is_a_gunicorn_setting(monkeypatch):
    """gunicorn silently ignores a misspelt name ("max_request"): each one must be known."""
    conf = gunicorn_settings(monkeypatch, RUNTIME_DIRECTORY="/run/portal")
    known = Config().settings
    unknown = sorted(set(conf) - set(known) - {"os"})
    assert unknown == []
    loaded = Config()
    for name, value in conf.items():
        if name in known:
            loaded.set(name, value)  # validates the value as gunicorn does
    assert loaded.worker_class_str == "gthread"
    assert loaded.control_socket == "/run/portal/gunicorn.ctl"


def test_gunicorn_numbers_come_from_the_environment(monkeypatch):
    conf = gunicorn_settings(
        monkeypatch, GUNICORN_WORKERS="5", GUNICORN_THREADS="8", GUNICORN_MAX_REQUESTS="1000"
    )
    assert (conf["workers"], conf["threads"]) == (5, 8)
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (1000, 100)


def test_nginx_proxies_to_gunicorn_with_the_headers_the_app_trusts(monkeypatch):
    conf = nginx_conf()
    upstream = re.search(r"upstream\s+(\w+)\s*\{([^}]*)\}", conf)
    assert (
        re.search(r"server\s+([^\s;]+);", upstream.group(2)).group(1)
        == (gunicorn_settings(monkeypatch)["bind"])
    )
    app = location(conf, "/", containing="proxy_pass")
    assert f"proxy_pass http://{upstream.group(1)};" in app
    # TRUSTED_PROXY_COUNT=1: nginx appends the address it saw, the one entry the app trusts.
    assert env_file()["TRUSTED_PROXY_COUNT"] == "1"
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in app
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in app
    assert "proxy_set_header Host $host;" in app


def test_the_internal_location_is_the_documented_accel_prefix_and_private_root():
    conf = nginx_conf()
    internal = re.findall(r"location\s+(\S+)\s*\{\s*internal;", conf)
    readme = set(re.findall(r"PRIVATE_MEDIA_ACCEL_PREFIX=(\S+)", (ROOT / "README.md").read_text()))
    env = env_file()
    assert internal == [env["PRIVATE_MEDIA_ACCEL_PREFIX"]]
    assert readme == {env["PRIVATE_MEDIA_ACCEL_PREFIX"]}
    alias = re.search(r"alias\s+(\S+);", location(conf, internal[0])).group(1)
    assert alias == env["PRIVATE_MEDIA_ROOT"].rstrip("/") + "/"


@pytest.mark.django_db
def test_the_app_redirects_a_download_into_the_internal_location(settings):
    env = env_file()
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = env["PRIVATE_MEDIA_ACCEL_PREFIX"]
    document_file = DocumentFileFactory()
    response = Client().get(reverse("documents:download", args=[document_file.pk]))
    assert response.status_code == 200
    redirect = response["X-Accel-Redirect"]
    internal = re.search(r"location\s+(\S+)\s*\{\s*internal;", nginx_conf()).group(1)
    # nginx maps the location onto its alias: the file it sends is the one the app stored.
    assert redirect == internal + document_file.file.name


def test_static_and_media_are_served_from_the_roots_of_the_env_file():
    conf = nginx_conf()
    env = env_file()
    static = location(conf, django_settings.STATIC_URL)
    media = location(conf, django_settings.MEDIA_URL)
    assert f"alias {env['STATIC_ROOT'].rstrip('/')}/;" in static
    assert f"alias {env['MEDIA_ROOT'].rstrip('/')}/;" in media
    # Hashed names (PortalStaticStorage: name.<12 hex>.ext) are kept for good.
    hashed = re.search(r'location\s+~\s+"([^"]+)"\s*\{([^}]*)\}', conf)
    assert re.search(hashed.group(1), "css/site.46b2fab7b36c.css")
    assert not re.search(hashed.group(1), "css/site.css")
    assert "expires max;" in hashed.group(2)
    assert 'add_header Cache-Control "public, immutable";' in hashed.group(2)
    assert "add_header X-Content-Type-Options nosniff always;" in media
    assert 'add_header Content-Security-Policy "sandbox" always;' in media


def test_nginx_accepts_one_attachment_of_the_largest_size_allowed():
    limit = size_in_bytes(re.search(r"client_max_body_size\s+(\w+);", nginx_conf()).group(1))
    for allowed in (
        django_settings.DOCUMENT_UPLOAD_MAX_BYTES,
        int(env_file()["DOCUMENT_UPLOAD_MAX_BYTES"]),
    ):
        # Room for the file and the form around it, not for much more.
        assert allowed < limit <= allowed * 1.1


def test_the_units_use_the_env_file_and_commands_that_exist():
    commands = get_commands()
    for name in ("portal.service", "portal-reminders.service", "portal-prune.service"):
        assert "EnvironmentFile=/etc/portal/env" in unit(name)
    assert "-c /srv/portal/deploy/gunicorn.conf.py portal.wsgi" in unit("portal.service")
    for service, command in (
        ("portal-reminders.service", "send_remediation_reminders"),
        ("portal-prune.service", "prune_visitors"),
    ):
        assert re.search(rf"^ExecStart=.* manage\.py {command}$", unit(service), re.M)
        assert command in commands
    # The README's cron line: 0 7 * * *, in the site's time zone.
    assert f"OnCalendar=*-*-* 07:00:00 {django_settings.TIME_ZONE}" in unit(
        "portal-reminders.timer"
    )
