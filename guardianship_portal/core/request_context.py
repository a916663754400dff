"""Who is asking, from where: the current request's client address and path, for the
audit rows written deep below the view (the engine's AuditTrail, the access log).

A context variable rather than an argument: the address belongs to the request, not to
the business operation, and the operations are also run by commands and jobs, where
there is no address (None)."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RequestContext:
    address: str | None
    path: str
    # Writes that must outlive the request's transaction (ATOMIC_REQUESTS rolls it back
    # when the view answers with an exception, a 404 included).
    after_request: list[Callable[[], None]] = field(default_factory=list)
    # A refusal already written to the access log by the view (with the application it
    # names), so that the refused-request catch-all does not write it twice.
    refusal_logged: list[bool] = field(default_factory=list)


_current: ContextVar[RequestContext | None] = ContextVar("request_context", default=None)


def proxied_client_address(request: HttpRequest) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the client's address behind
    ``TRUSTED_PROXY_COUNT`` reverse proxies (0: none, the connection's own address).
    Each trusted proxy appends the address it was called from to X-Forwarded-For, so the
    client is that many entries from the right; anything further left was sent by the
    client and is not believed. A value that is not an address falls back to the
    connection's."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not count:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote


def client_address(request: HttpRequest) -> str | None:
    """The client's address as django-axes reads it (the same settings decide whether a
    proxy's X-Forwarded-For is trusted), so the login throttle and the audit agree."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def current_request() -> RequestContext | None:
    return _current.get()


def current_address() -> str | None:
    context = _current.get()
    return context.address if context else None


def after_the_request(write: Callable[[], None]) -> None:
    """Run ``write`` once the request's transaction is over, whatever its outcome (a
    refused attempt is logged even though the 404 rolls the request back); at once
    outside a request."""
    context = _current.get()
    if context is None:
        write()
    else:
        context.after_request.append(write)


class RequestContextMiddleware:
    """Sets the context for the duration of one request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = RequestContext(address=client_address(request), path=request.path)
        token = _current.set(context)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
            for write in context.after_request:
                try:
                    write()
                except Exception:  # the answer is given already; the failure is logged
                    logger.exception("A write after the request failed")
