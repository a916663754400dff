"""``python -m tools.bench`` (``make bench``): create, fill, serve, measure, drop.

Environment:

* ``BENCH_ROWS`` applications to generate (default 1,000,000; 100,000 for a quick run)
* ``BENCH_REPEAT`` measured requests per page (default 15), after one warm-up
* ``BENCH_KEEP=1`` keep the database afterwards and print its DATABASE_URL
* ``BENCH_REUSE=1`` measure the existing ``BENCH_DB`` again (migrated, not refilled, kept)
* ``BENCH_DB`` the database (default ``bench_portal``; it must start with ``bench_``)
* ``BENCH_POSTGRES`` where to create it (default postgres://postgres@127.0.0.1:5432/postgres)
* ``BENCH_OUT`` where the JSON results and gunicorn's log go (default var/bench/)

The table is printed and written as JSON to var/bench/.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
WORK_DIR = BASE_DIR / "var" / "bench"  # static files, media, and by default the results
DEFAULT_ROWS = 1_000_000
DEFAULT_REPEAT = 15
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PREFIX = "bench_"


def log(message: str) -> None:
    print(message, flush=True)


class Config:
    def __init__(self, environ: os._Environ | dict) -> None:
        self.rows = int(str(environ.get("BENCH_ROWS") or DEFAULT_ROWS).replace("_", ""))
        self.repeat = int(environ.get("BENCH_REPEAT") or DEFAULT_REPEAT)
        self.keep = environ.get("BENCH_KEEP") == "1"
        self.reuse = environ.get("BENCH_REUSE") == "1"
        self.database = environ.get("BENCH_DB") or "bench_portal"
        self.server = environ.get("BENCH_POSTGRES") or DEFAULT_SERVER
        self.out = Path(environ.get("BENCH_OUT") or WORK_DIR)
        if not self.database.startswith(PREFIX) or not self.database.replace("_", "").isalnum():
            raise SystemExit(f"BENCH_DB must be a plain name starting with {PREFIX!r}")
        if self.rows < 100 or self.repeat < 1:
            raise SystemExit("BENCH_ROWS must be at least 100 and BENCH_REPEAT at least 1")

    @property
    def database_url(self) -> str:
        parts = urlsplit(self.server)
        return urlunsplit(parts._replace(path=f"/{self.database}"))


def portal_environment(config: Config) -> dict[str, str]:
    """Production settings on plain http on the loopback; one secret for the run (the
    sessions the tool makes are signed with it, and gunicorn reads the same)."""
    return {
        "DJANGO_SETTINGS_MODULE": "guardianship_portal.settings.production",
        "DATABASE_URL": config.database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "False",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(WORK_DIR / "static"),
        "MEDIA_ROOT": str(WORK_DIR / "media" / config.database),
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }


def admin(config: Config, statement: str) -> None:
    """CREATE / DROP DATABASE on the server's maintenance database."""
    import psycopg

    assert config.database.startswith(PREFIX)
    with psycopg.connect(config.server, autocommit=True) as connection:
        connection.execute(statement)


def database_exists(config: Config) -> bool:
    import psycopg

    with psycopg.connect(config.server, autocommit=True) as connection:
        row = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config.database]
        ).fetchone()
    return row is not None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git_commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=BASE_DIR, capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def start_server(environment: dict[str, str], port: int, out: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log_file = (out / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "tools.bench.wsgi:application",
            "--workers=1",
            f"--bind=127.0.0.1:{port}",
            "--timeout=900",
            "--graceful-timeout=5",
            # Not ~/.gunicorn/gunicorn.ctl: another gunicorn on the machine may own it.
            "--no-control-socket",
        ],
        cwd=BASE_DIR,
        env={**os.environ, **environment, "BENCH_COUNT_QUERIES": "1"},
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (see {out / 'gunicorn.log'})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):  # noqa: S310 (loopback)
                return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 2 minutes")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> int:
    config = Config(os.environ)
    environment = portal_environment(config)
    os.environ.update(environment)
    config.out.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    reused = config.reuse and database_exists(config)
    if not reused:
        admin(config, f'DROP DATABASE IF EXISTS "{config.database}" WITH (FORCE)')
        admin(config, f'CREATE DATABASE "{config.database}"')
    process = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections
        from django.utils import timezone

        from . import generate, measure

        today = timezone.localdate()
        log(f"bench: {config.database} — migrating")
        call_command("migrate", interactive=False, verbosity=0)
        counts: dict[str, int] = {}
        generation = 0.0
        if not reused:
            log(f"bench: generating {config.rows:,} applications")
            started = time.monotonic()
            counts = generate.generate(rows=config.rows, today=today, log=log)
            # The generator writes with SQL, past the transition path: the dashboard's
            # pre-aggregated figures are counted once from what it wrote.
            figures_started = time.monotonic()
            call_command("rebuild_figures", verbosity=0)
            log(f"  rebuild_figures: {time.monotonic() - figures_started:.1f} s")
            generation = time.monotonic() - started
            log(f"bench: generated in {generation:.0f} s: {counts}")
        log("bench: collecting static files")
        call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()
        port = free_port()
        log(f"bench: gunicorn on 127.0.0.1:{port}, {config.repeat} requests per page")
        process = start_server(environment, port, config.out)
        started = time.monotonic()
        result = measure.run(port=port, repeat=config.repeat, today=today, log=log)
        measuring = time.monotonic() - started
        stop_server(process)
        process = None
        rows = measure.summary(result)
        log("")
        log(measure.table(rows))
        log("")
        report = {
            "bench_rows": config.rows,
            "reused_database": reused,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "commit": git_commit(),
            "repeat": config.repeat,
            "generation_seconds": round(generation, 1),
            "measuring_seconds": round(measuring, 1),
            "counts": counts,
            "busiest_offices": measure.applications_per_office(),
            "transitions_done": result.transitions_done,
            "pages": rows,
        }
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = config.out / f"bench-{config.rows}-{stamp}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        log(f"bench: {result.transitions_done} transitions done; written to {path}")
        log(f"bench: {time.monotonic() - began:.0f} s in all")
        failed = [row["page"] for row in rows if row["errors"]]
        if failed:
            log(f"bench: pages with errors: {', '.join(failed)}")
        return 1 if failed else 0
    finally:
        if process is not None:
            stop_server(process)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: S110 (Django may not have been set up at all)
            pass
        if config.keep or reused:
            log(f"bench: kept DATABASE_URL={config.database_url}")
        else:
            admin(config, f'DROP DATABASE IF EXISTS "{config.database}" WITH (FORCE)')
            log(f"bench: dropped {config.database}")


if __name__ == "__main__":
    sys.exit(main())
