"""`make bench`: generate a national-scale database and measure the portal's pages on it.

``python -m tools.bench`` creates its own PostgreSQL database (``bench_portal`` unless
``BENCH_DB`` names another ``bench_*`` one), migrates it, fills it with SQL
(generate.py), serves the portal with gunicorn under production settings and measures
the pages against ``/healthz`` in the same run (measure.py). See README, "Benchmark".
"""

# The response header in which tools/bench/wsgi.py reports the request's query count.
QUERIES_HEADER = "X-Bench-Queries"
