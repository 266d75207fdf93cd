"""Load benchmark of the site's pages under gunicorn, measured with wrk (not part of make test).

Usage: .venv/bin/python bench/run.py [--seconds 10] [--workers 2] [--connections 16] [URL paths…]
Needs `wrk` (apt-get install wrk). Uses DATABASE_URL / REDIS_URL as the site would; by default
a SQLite file under var/ loaded with the demo content. Prints requests/s and latency
percentiles per page, so they can be compared with NukeViet's ~150 req/s (p99 ≈ 80 ms) and a
trivial Django view's ~6,900 req/s on the same 2 cores.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--threads", type=int, default=1, help="gthread worker threads")
    parser.add_argument("paths", nargs="*", default=["/", "/hinh-anh/", "/robots.txt"])
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    env = dict(os.environ)
    env.setdefault("DATABASE_URL", "sqlite:///var/bench.sqlite3")
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        LOG_LEVEL="ERROR",
    )
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [PY, "manage.py", "load_demo", "--force"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            *(
                ["--worker-class", "gthread", "--threads", str(args.threads)]
                if args.threads > 1
                else []
            ),
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        print(f"{'page':<20}{'req/s':>10}{'p50':>10}{'p99':>10}")
        for path in args.paths:
            urllib.request.urlopen(base + path, timeout=5)  # noqa: S310 - warm the caches
            out = subprocess.run(
                [
                    "wrk",
                    "--latency",
                    "-t2",
                    f"-c{args.connections}",
                    f"-d{args.seconds}s",
                    base + path,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
            p50 = re.search(r"50%\s+(\S+)", out).group(1)
            p99 = re.search(r"99%\s+(\S+)", out).group(1)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            note = f"  ({errors.group(1)} non-2xx)" if errors else ""
            print(f"{path:<20}{rps:>10}{p50:>10}{p99:>10}{note}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
