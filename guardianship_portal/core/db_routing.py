"""Reads of chosen pages from a PostgreSQL read replica (README, "Scale-out").

The supervision pages (dashboards, drill-down lists, the audit search) read a lot and
write only their audit line, and a few seconds of replication lag do not change what a
supervisor decides; the clerk's and the applicant's pages read what they have just
written, so they stay on the primary. Which pages: the URL names in
``REPLICA_READ_VIEWS``; where: the alias in ``REPLICA_DATABASE_ALIAS`` (set when
``REPLICA_DATABASE_URL`` is), none by default, and then everything reads the primary.

The choice is made per request, not per model: ``ReplicaReadsMiddleware`` marks a GET
of a listed page, and ``ReplicaRouter`` sends that request's reads to the replica while
the mark is set. Writes always go to the primary (``default``), even for a row that was
read from the replica; the replica is never migrated (it is a copy of the primary).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse

_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)

SAFE_METHODS = ("GET", "HEAD")


def replica_alias() -> str | None:
    alias = getattr(settings, "REPLICA_DATABASE_ALIAS", None)
    return alias if alias and alias in settings.DATABASES else None


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within this block, reads go to the replica (when one is configured)."""
    token = _reads_from_replica.set(True)
    try:
        yield
    finally:
        _reads_from_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        alias = replica_alias()
        if alias and _reads_from_replica.get():
            return alias
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        # Not None: Django would then write an instance back to the database it was
        # read from, and the replica is read-only.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica holds the primary's rows: a row read from one may point to a row
        # read from the other.
        same_data = {DEFAULT_DB_ALIAS, replica_alias()}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        alias = replica_alias()
        if alias and db == alias:
            return False
        return None


class ReplicaReadsMiddleware:
    """Marks a GET or HEAD of a page named in ``REPLICA_READ_VIEWS`` so that its reads
    go to the replica. Placed after the authentication middleware; the user (and with it
    the session) is loaded from the primary before the mark is set, so a session that
    has just been created is found even when the replica lags."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_replica_reads_token", None)
            if token is not None:
                _reads_from_replica.reset(token)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if replica_alias() is None or request.method not in SAFE_METHODS:
            return None
        match = request.resolver_match
        if match is None or match.view_name not in settings.REPLICA_READ_VIEWS:
            return None
        if hasattr(request, "user"):
            # The user is lazy: load it (and the session) from the primary now.
            request.user.pk  # noqa: B018
        request._replica_reads_token = _reads_from_replica.set(True)  # type: ignore[attr-defined]
        return None
