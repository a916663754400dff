"""The portal's WSGI application as the benchmark serves it: the same application,
with the number of database queries of each request in an ``X-Bench-Queries``
response header.

Only the benchmark starts gunicorn with this module (``tools.bench.wsgi:application``),
and only when it also sets ``BENCH_COUNT_QUERIES=1``: the portal's own entry point
(guardianship_portal/wsgi.py) and its middleware are untouched.
"""

from __future__ import annotations

import os

from django.db import connection

from guardianship_portal.wsgi import application as portal
from tools.bench import QUERIES_HEADER


class QueryCounter:
    """An execute wrapper (django.db.connection.execute_wrapper) that only counts."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def application(environ, start_response):
    if os.environ.get("BENCH_COUNT_QUERIES") != "1":
        return portal(environ, start_response)
    counter = QueryCounter()

    def start_response_with_count(status, headers, exc_info=None):
        # Django calls start_response once the view has run, so the count is complete;
        # gunicorn's sync worker serves one request at a time on this connection.
        headers = [*headers, (QUERIES_HEADER, str(counter.count))]
        return start_response(status, headers, exc_info)

    with connection.execute_wrapper(counter):
        return portal(environ, start_response_with_count)
