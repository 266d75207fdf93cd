"""Load benchmark of the site under gunicorn, driven by wrk with a reader mix (not in make test).

    .venv/bin/python bench/run.py --database postgres://postgres@127.0.0.1:5432/portal_bench \\
        --redis redis://127.0.0.1:6379/5
    .venv/bin/python bench/run.py            # the SQLite file var/bench.sqlite3, local cache

The database must hold the benchmark's data (manage.py bench_data). One run:

1. writes the URL lists wrk draws from, from the database (bench/inprocess.py urls);
2. counts the SQL queries and times each family's pages in process, as a guest, after a
   warm-up request, with the server's settings (bench/inprocess.py sql);
3. starts gunicorn as in production (DJANGO_DEBUG=0, a secret key, ALLOWED_HOSTS, 2 gthread
   workers × 4 threads) serving bench/wsgi.py: the site, a trivial Django view and the
   static files, on the same server;
4. warms it with the mix, then runs wrk (2 threads, 10 connections, guests without cookies)
   on each family alone, then on the mix: home 30 %, article 40 %, category and deep pages
   10 %, search 10 %, documents 10 %;
5. reads the workers' peak resident memory (VmHWM), stops the server, profiles the slowest
   page in process, and writes bench/results/<date>-<database>.md.

Needs wrk (apt-get install wrk). Timings never belong in make test: the machine is shared.
"""

import argparse
import atexit
import contextlib
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WRK_SCRIPT = ROOT / "bench" / "wrk_urls.lua"
FAMILIES = ["static", "trivial", "trivial-mw", "home", "article", "category", "documents"]
FAMILIES += ["search"]  # last of the families: its slow queries must not slow the others
LABELS = {
    "static": "static file (served by gunicorn)",
    "trivial": "**trivial Django view**",
    "trivial-mw": "trivial view + the site's middleware",
    "home": "home `/`",
    "article": "article",
    "category": "category, tag, deep pages",
    "documents": "documents: list, filters, detail",
    "search": "search `/tim-kiem/?q=…`",
    "mix": "**reader mix**",
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="sqlite:///var/bench.sqlite3")
    parser.add_argument("--redis", default="", help="REDIS_URL; without it the local cache")
    parser.add_argument("--seconds", type=int, default=8, help="wrk run of each family")
    parser.add_argument("--mix-seconds", type=int, default=10, help="wrk run of the mix")
    parser.add_argument("--warm-seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="gthread threads per worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--max-requests", type=int, default=0, help="gunicorn's worker recycling (0: none)"
    )
    parser.add_argument("--sample", type=int, default=8, help="URLs per family measured in process")
    parser.add_argument(
        "--statement-timeout",
        type=int,
        default=20,
        help="PostgreSQL: seconds after which a query is cancelled (0: never), so that one "
        "runaway search does not hold the database through the next families",
    )
    parser.add_argument("--families", default=",".join([*FAMILIES, "mix"]))
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--server-log", default=str(ROOT / "var" / "bench-server.log"), help="gunicorn's output"
    )
    return parser.parse_args()


def site_env(args):
    env = dict(os.environ)
    database = args.database
    if database.startswith("postgres") and args.statement_timeout:
        separator = "&" if "?" in database else "?"
        timeout = args.statement_timeout * 1000
        database += f"{separator}options=-c%20statement_timeout%3D{timeout}"
    env.update(
        DATABASE_URL=database,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.pop("DJANGO_TESTING", None)
    # Empty, not absent: settings would take a developer's .env value for an absent one.
    env["REDIS_URL"] = args.redis
    env["VISIT_BACKEND"] = ""
    return env


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)


def milliseconds(text):
    """wrk's "812.00us", "3.21ms", "1.20s", "2.00m"; NaN for what it prints when no request
    ended in time."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text or "")
    if not match:
        return float("nan")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(args, url_file, seconds):
    out = subprocess.run(
        [
            "wrk",
            "--latency",
            f"-t{args.wrk_threads}",
            f"-c{args.connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(WRK_SCRIPT),
            f"http://127.0.0.1:{args.port}",
            "--",
            str(url_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    # Anchored: "+/- Stdev" columns such as "88.50%" end in "50%" too.
    p50 = re.search(r"^\s+50%\s+(\S+)\s*$", out, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)\s*$", out, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": milliseconds(p50.group(1) if p50 else None),
        "p99": milliseconds(p99.group(1) if p99 else None),
        "output": out,
        "requests": requests,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "timeouts": int(errors.group(4)) if errors else 0,
    }


def settle(args, limit=300):
    """Wait until the requests wrk gave up on have ended (they hold the server's threads and
    the database: a search can take minutes): until the trivial view answers fast again,
    twice in a row. Returns the seconds waited."""
    started = time.monotonic()
    fast = 0
    while fast < 2 and time.monotonic() - started < limit:
        asked = time.monotonic()
        with contextlib.suppress(OSError):
            urllib.request.urlopen(  # noqa: S310
                f"http://127.0.0.1:{args.port}/__bench__/trivial", timeout=limit
            ).read()
        fast = fast + 1 if time.monotonic() - asked < 0.2 else 0
        time.sleep(0.5)
    return time.monotonic() - started


def worker_pids(master):
    pids = []
    for task in Path(f"/proc/{master}/task").iterdir():
        children = (task / "children").read_text().split()
        pids += [int(pid) for pid in children]
    return pids


def memory(pid):
    """(VmHWM, VmRSS) of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", status, re.MULTILINE))
    return int(values["VmHWM"]) / 1024, int(values["VmRSS"]) / 1024


def start_server(args, env):
    """gunicorn with the production config (deploy/gunicorn.conf.py, when the checkout has
    it) and the benchmark's numbers; no worker recycling unless --max-requests, so that a
    worker's memory is measured over the whole run."""
    env = dict(
        env,
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        GUNICORN_WORKERS=str(args.workers),
        GUNICORN_THREADS=str(args.threads),
        GUNICORN_MAX_REQUESTS=str(args.max_requests),
    )
    config = ROOT / "deploy" / "gunicorn.conf.py"
    options = ["-c", str(config)] if config.exists() else []
    options += [
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--max-requests",
        str(args.max_requests),
        "--log-level",
        "warning",
    ]
    # Its access and error log (as configured for production) go to a file, not the screen.
    log = open(args.server_log, "ab")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), *options, "bench.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{args.port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/__bench__/trivial", timeout=2)  # noqa: S310
            break
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn did not start")
            time.sleep(0.2)
    time.sleep(1)  # every worker up
    return server


def git_state():
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return commit, dirty


def describe(args, env, urls):
    if os.environ.get("BENCH_COMMIT"):  # a checkout without .git (git archive)
        commit, dirty = os.environ["BENCH_COMMIT"], ""
    else:
        commit, dirty = git_state()
    if args.database.startswith("postgres"):
        database = "PostgreSQL"
        database_slug = "postgresql"
    else:
        database = "SQLite"
        database_slug = "sqlite"
    cache = "Redis" if args.redis else "local-memory cache"
    return {
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "database": database,
        "slug": database_slug + ("-redis" if args.redis else ""),
        "cache": cache,
        "urls": urls,
    }


def fmt(value, digits=0):
    return "–" if value != value else f"{value:,.{digits}f}"  # NaN: no request ended


def table(args, info, results, sql, memories, baseline_rss, started, loads):
    trivial = results.get("trivial")
    lines = [
        f"# {info['database']} + {info['cache']}, {started:%Y-%m-%d %H:%M}",
        "",
        f"Commit {info['commit']}. {info['urls']['stored articles']:,} articles, "
        f"{info['urls']['stored documents']:,} documents (`manage.py bench_data`). gunicorn "
        f"`bench.wsgi`{' with deploy/gunicorn.conf.py' if (ROOT / 'deploy' / 'gunicorn.conf.py').exists() else ''}, "
        f"{args.workers} gthread workers × {args.threads} threads, no recycling, "
        "`DJANGO_DEBUG=0`; wrk from loopback, "
        f"{args.wrk_threads} threads, {args.connections} connections, guests without cookies, "
        f"{args.seconds} s a family, {args.mix_seconds} s the mix; wrk, the server, "
        f"{info['database']} and {'Redis' if args.redis else 'no cache server'} share the "
        f"machine's {os.cpu_count()} cores (load average {loads[0]} before, {loads[1]} after: "
        "other work ran on the machine too).",
        "",
        "Ratios are to the trivial Django view measured in the same run (req/s: share of its "
        "throughput; p50, p99, in-process time: multiples of its). In process (Django's test "
        "client, the server's settings, a new guest each request, medians over the URLs "
        "sampled): the first request of a URL in the process (for most pages not yet kept "
        "in the cache, unless another process kept it in Redis), then the same URL again, "
        "whose SQL queries are counted (median, and most); the trivial view makes none, so "
        "SQL has no ratio.",
        "",
        "| page family | URLs | req/s | × trivial | p50 ms | × | p99 ms | × | SQL/req (most) "
        "| in-process ms: first | × | again | × | non-2xx, errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    base_ms = sql.get("trivial", {}).get("ms")
    base_first = sql.get("trivial", {}).get("first_ms")
    for family in [*FAMILIES, "mix"]:
        if family not in results:
            continue
        r = results[family]
        s = sql.get(family)
        urls = info["urls"].get(family, "")

        def ratio(a, b):
            return "" if a != a or b != b or not b else f"{a / b:.2f}"

        if not r["requests"]:  # not one request ended within the run
            seconds = args.mix_seconds if family == "mix" else args.seconds
            r = dict(r, p50=float("nan"), p99=float("nan"))
            ended = f"none ended in {seconds} s"
        else:
            ended = f"{r['non_2xx']:,}, {r['errors']:,}" if r["non_2xx"] or r["errors"] else "0"
        cells = [
            LABELS[family],
            fmt(urls) if isinstance(urls, int) else "",
            fmt(r["rps"]),
            ratio(r["rps"], trivial["rps"]) if trivial else "",
            fmt(r["p50"], 1),
            ratio(r["p50"], trivial["p50"]) if trivial else "",
            fmt(r["p99"], 1),
            ratio(r["p99"], trivial["p99"]) if trivial else "",
            f"{s['queries']:g} ({s['queries_max']})" if s else "–",
            fmt(s["first_ms"], 1) if s else "–",
            f"{s['first_ms'] / base_first:.0f}" if s and base_first else "",
            fmt(s["ms"], 1) if s else "–",
            f"{s['ms'] / base_ms:.0f}" if s and base_ms else "",
            ended,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Resident memory of the workers at the end (after every run above): peak (VmHWM) and "
        "now (VmRSS); × is the peak over the worker's memory once started and warmed by one "
        "trivial request.",
        "",
        "| worker | peak MB | now MB | × started |",
        "| --- | ---: | ---: | ---: |",
    ]
    for pid, (peak, now) in sorted(memories.items()):
        start = baseline_rss.get(pid)
        lines.append(
            f"| {pid} | {peak:.0f} | {now:.0f} | {peak / start:.1f} |"
            if start
            else f"| {pid} | {peak:.0f} | {now:.0f} | |"
        )
    slow = [
        (family, row)
        for family, s in sql.items()
        for row in s["rows"]
        if row["status"] != 200 or row["ms"] > 100
    ]
    if slow:
        lines += ["", "Pages over 100 ms in process, or not 200 (warm request; first request):", ""]
        for family, row in sorted(slow, key=lambda item: -item[1]["ms"]):
            lines.append(
                f"- {family}: `{row['path']}` → {row['status']}, {row['queries']} queries, "
                f"{row['ms']:,.0f} ms (first {row['first_ms']:,.0f} ms)"
            )
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    env = site_env(args)
    wanted = [f for f in args.families.split(",") if f]
    started = datetime.datetime.now()
    loads = [f"{os.getloadavg()[0]:.1f}"]
    print(f"== {args.database} {args.redis or '(local cache)'}", flush=True)
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    atexit.register(shutil.rmtree, work, True)  # also when a step fails
    run([PY, "-m", "bench.inprocess", "urls", str(work)], env)
    urls = json.loads((work / "urls.json").read_text())
    if urls["stored articles"] < 1000:
        sys.exit("The database has few articles: build the data first (manage.py bench_data).")
    info = describe(args, env, urls)
    print("SQL and time per request, in process:", flush=True)
    Path(args.server_log).parent.mkdir(parents=True, exist_ok=True)
    with open(args.server_log, "ab") as log:  # the pages' error tracebacks go there
        run(
            [
                PY,
                "-m",
                "bench.inprocess",
                "sql",
                str(work),
                str(work / "sql.json"),
                str(args.sample),
            ],
            env,
            stderr=log,
        )
    sql = json.loads((work / "sql.json").read_text())

    server = start_server(args, env)
    results, memories = {}, {}
    try:
        baseline_rss = {pid: memory(pid)[1] for pid in worker_pids(server.pid)}
        # Warm every worker on every family but the search (its slowest queries would still
        # hold the server when the first family is measured).
        warm = work / "warm.txt"
        warm.write_text(
            "".join(
                line + "\n"
                for line in (work / "mix.txt").read_text(encoding="utf-8").splitlines()
                if "/tim-kiem/" not in line
            ),
            encoding="utf-8",
        )
        wrk(args, warm, args.warm_seconds)
        settle(args)
        print(f"{'family':<12}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}", flush=True)
        for family in [*FAMILIES, "mix"]:
            if family not in wanted:
                continue
            seconds = args.mix_seconds if family == "mix" else args.seconds
            r = results[family] = wrk(args, work / f"{family}.txt", seconds)
            r["settled"] = settle(args)
            print(
                f"{family:<12}{r['rps']:>10.0f}{r['p50']:>10.1f}{r['p99']:>10.1f}"
                f"{r['non_2xx'] + r['errors']:>9}",
                flush=True,
            )
        for pid in worker_pids(server.pid):
            memories[pid] = memory(pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=45)  # requests under way get graceful_timeout to end
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    loads.append(f"{os.getloadavg()[0]:.1f}")

    text = table(args, info, results, sql, memories, baseline_rss, started, loads)
    if not args.no_profile:
        candidates = [
            (max(row["ms"], row["first_ms"]), row["path"])
            for family, s in sql.items()
            if family not in ("trivial", "trivial-mw")
            for row in s["rows"]
            if row["status"] == 200
        ]
        if candidates:
            _ms, path = max(candidates)
            out = work / "profile.txt"
            run([PY, "-m", "bench.inprocess", "profile", path, str(out)], env)
            text += (
                "\nProfile of the slowest page in process (cProfile; its first request in a "
                "process warmed by the home page; a guest):\n\n```\n"
                + out.read_text(encoding="utf-8").rstrip()
                + "\n```\n"
            )
    results_dir = Path(args.out)
    results_dir.mkdir(parents=True, exist_ok=True)
    target = results_dir / f"{started:%Y-%m-%d}-{info['slug']}.md"
    target.write_text(text, encoding="utf-8")
    # The raw figures too, every URL measured in process among them, for later comparisons.
    raw = {"info": info, "wrk": results, "sql": sql, "memory": memories, "loads": loads}
    raw["started_rss"] = baseline_rss
    target.with_suffix(".json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    print(f"\nWritten: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")


if __name__ == "__main__":
    main()
