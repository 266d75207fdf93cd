"""The benchmark: `manage.py bench_data` builds a board's ten-year archive, bench/run.py
serves it under gunicorn and measures it with wrk (never part of make test)."""
