"""Request and response hygiene that holds for every page, whatever the view does."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# C0 control characters. PostgreSQL cannot store NUL in text (the request would end in
# a 500), and no person types the others: they come from copy-paste accidents or from
# fuzzing. Tab, CR and LF are real text in a multi-line reason, so values may keep them.
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_ANYWHERE = re.compile(r"[\x00-\x1f]")


def has_control_characters(request: HttpRequest) -> bool:
    """True if the path, a parameter's name or a query value holds a control character
    the portal does not store: an address nobody types, refused. (A form's values are
    cleaned instead, ``without_control_characters``; uploaded files' names need no
    check: Django's multipart parser drops every non-printable character from them.)"""
    if _CONTROL_ANYWHERE.search(request.path):
        return True
    for name, values in request.GET.lists():
        if _CONTROL_ANYWHERE.search(name) or any(map(_CONTROL_IN_TEXT.search, values)):
            return True
    return any(_CONTROL_ANYWHERE.search(name) for name in request.POST)


def without_control_characters(data: QueryDict) -> QueryDict | None:
    """A copy of a form's values without the control characters they hold (tab, CR
    and LF stay), or None when there are none."""
    if not any(_CONTROL_IN_TEXT.search(value) for _, values in data.lists() for value in values):
        return None
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for name, values in data.lists():
        cleaned.setlist(name, [_CONTROL_IN_TEXT.sub("", value) for value in values])
    cleaned._mutable = False
    return cleaned


class RefuseControlCharactersMiddleware:
    """One place for every form and URL parameter, before any view (or the database)
    sees it. An address with control characters is answered with a translated 400
    page. A form's text is kept: the invisible characters (they come with text copied
    from another program) are taken out, the form goes on as sent, and the user is told
    to check the text, so nothing typed is lost to them. Placed after the locale,
    session, user and messages middleware, so both speak the user's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_control_characters(request):
            return render(request, "400.html", {"control_characters": True}, status=400)
        if request.method == "POST":
            cleaned = without_control_characters(request.POST)
            if cleaned is not None:
                # The stubs type request.POST as the immutable QueryDict subclass they
                # invent; the copy is a QueryDict made immutable the same way.
                request.POST = cleaned  # type: ignore[assignment]
                messages.warning(
                    request,
                    _(
                        "What you sent contained invisible control characters (they often come with text copied from another program). They were taken out: check the text."
                    ),
                )
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages carry personal data (names, IINs, a child's file) and are rendered for one
    user: no browser or proxy may keep a copy (`Cache-Control: no-store, private`).
    A response that says otherwise itself keeps its own header; static files never
    reach this middleware (WhiteNoise answers them first, cacheable)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
