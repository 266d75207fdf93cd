"""gunicorn settings of the portal in production, behind nginx (deploy/nginx/portal.conf).

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py portal.wsgi

Run by deploy/systemd/portal.service. The numbers can be changed without editing this file,
in /etc/portal/env: GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT,
GUNICORN_MAX_REQUESTS. Each thread may hold a PostgreSQL connection (CONN_MAX_AGE) and a
Redis connection: workers × threads of each, see deploy/README.md.
"""

import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _usable_cores():
    """The cores this process may run on (a container's or a CPU affinity's, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# nginx proxies to this address; nothing else should reach it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads, because a page waits mostly on PostgreSQL and Redis; one process per core, as the
# GIL lets a process use one core at a time (bench/RESULTS.md: 2 workers × 4 threads on 2
# cores). At least 2, so that a worker restarting never leaves the site without one.
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", max(2, _usable_cores()))
threads = _int("GUNICORN_THREADS", 4)

# A worker is replaced after this many requests (plus up to 10 % more, at random, so that the
# workers do not all restart at once): whatever memory a worker gathers stays bounded.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10

# A worker whose heartbeat stops for this long is killed and replaced. With gthread workers
# this does not cut a slow request (nginx's proxy_read_timeout, 60 s, does that for the reader).
timeout = _int("GUNICORN_TIMEOUT", 60)
# On a restart or a reload (HUP), requests under way get this long to finish.
graceful_timeout = 30
# nginx keeps connections to gunicorn open (upstream keepalive, closed by nginx after 4 s):
# gunicorn waits longer than that, so that nginx never reuses a connection gunicorn closed.
keepalive = 10

# The heartbeat file in memory: on a disk-backed /tmp a slow disk could stall the workers.
# (gunicorn makes it with mkstemp, private to the service's user.)
_SHM = "/dev/shm"  # noqa: S108
if os.path.isdir(_SHM):
    worker_tmp_dir = _SHM

# Only nginx on this machine may tell gunicorn the request came over HTTPS
# (X-Forwarded-Proto); Django reads it too (SECURE_PROXY_SSL_HEADER with TRUSTED_PROXY_COUNT).
forwarded_allow_ips = "127.0.0.1,::1"

# systemd's RuntimeDirectory (/run/portal): the control socket of gunicornc there, not in the
# service user's home; elsewhere (a manual run) gunicorn's default.
if os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = os.path.join(os.environ["RUNTIME_DIRECTORY"].split(":")[0], "gunicorn.ctl")

proc_name = "portal"
# Logs to stderr: journald keeps them (journalctl -u portal).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The reader's address is the one nginx saw (X-Real-IP); %(h)s is nginx itself. Then the
# request, status, size, time taken in milliseconds, referrer and browser.
access_log_format = '%({x-real-ip}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
