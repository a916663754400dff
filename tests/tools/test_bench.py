"""`make bench` works end to end on a tiny size: it creates its own database, generates
300 applications with SQL, serves them with gunicorn and measures every page once.

Only that it works is checked: no timing is asserted (speed is measured by the
benchmark itself, on a real size). It needs PostgreSQL (the generator's SQL and the
benchmark are PostgreSQL's), so it is skipped on SQLite; CI runs it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tools.bench.measure import percentile, table

BASE_DIR = Path(settings.BASE_DIR)


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(1, 21)]  # 1 … 20
    assert percentile(values, 0.5) == 10.0
    assert percentile(values, 0.95) == 19.0
    assert percentile([3.0], 0.95) == 3.0


def test_table_reads_as_markdown():
    rows = [
        {"page": "/healthz", "rows": None, "p50_ms": 2.0, "p95_ms": 3.0, "ratio": 1.0,
         "queries": [1], "errors": []},
        {"page": "queue", "rows": 100000, "p50_ms": 20.0, "p95_ms": 30.0, "ratio": 10.0,
         "queries": [6, 7], "errors": []},
    ]  # fmt: skip
    lines = table(rows).splitlines()
    assert lines[0].startswith("| page | rows |")
    assert lines[3] == "| queue | 100,000 | 20.0 | 30.0 | 10.0 | 6/7 |"


def server_url() -> str:
    """The PostgreSQL server the tests use, at its maintenance database: the benchmark
    creates (and drops) its own bench_* database there."""
    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/postgres"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark needs PostgreSQL")
def test_bench_generates_and_measures_a_tiny_portal(tmp_path):
    environment = {
        **os.environ,
        "BENCH_ROWS": "300",
        "BENCH_REPEAT": "1",
        "BENCH_DB": f"bench_selftest_{os.getpid()}",
        "BENCH_POSTGRES": server_url(),
        "BENCH_OUT": str(tmp_path),
    }
    environment.pop("BENCH_KEEP", None)
    environment.pop("BENCH_REUSE", None)
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    (result,) = tmp_path.glob("bench-300-*.json")
    report = json.loads(result.read_text())

    assert report["bench_rows"] == 300
    assert report["counts"]["applications"] == 300
    assert report["counts"]["applicants"] == 60
    assert report["counts"]["children"] >= 300
    assert report["counts"]["attachments"] > 0
    assert report["counts"]["events"] > 600
    pages = {row["page"]: row for row in report["pages"]}
    assert "/healthz" in pages
    assert any(name.startswith("dashboard, region") for name in pages)
    assert any(name.startswith("report") and "PDF" in name for name in pages)
    for name, row in pages.items():
        assert row["errors"] == [], name
        assert row["queries"], name  # counted by the benchmark's WSGI wrapper
        # One measured request per page, each after one to /healthz.
        assert row["requests"] == (len(pages) - 1 if name == "/healthz" else 1), name
    # The warm-up and the measured request each refused one application to accept.
    assert report["transitions_done"] == 2
    assert f"dropped bench_selftest_{os.getpid()}" in done.stdout
