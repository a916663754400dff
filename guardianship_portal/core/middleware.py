"""Request and response hygiene that holds for every page, whatever the view does."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

# C0 control characters. PostgreSQL cannot store NUL in text (the request would end in
# a 500), and no person types the others: they come from copy-paste accidents or from
# fuzzing. Tab, CR and LF are real text in a multi-line reason, so values may keep them.
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_ANYWHERE = re.compile(r"[\x00-\x1f]")


def has_control_characters(request: HttpRequest) -> bool:
    """True if the path, a parameter's name or a value holds a control character the
    portal does not store. (Uploaded files' names need no check: Django's multipart
    parser drops every non-printable character from them.)"""
    if _CONTROL_ANYWHERE.search(request.path):
        return True
    for query in (request.GET, request.POST):
        for name, values in query.lists():
            if _CONTROL_ANYWHERE.search(name) or any(map(_CONTROL_IN_TEXT.search, values)):
                return True
    return False


class RefuseControlCharactersMiddleware:
    """One place for every form and URL parameter: input with control characters is
    answered with a translated 400 page that says what to do, before any view (or the
    database) sees it. Placed after the locale, session, user and messages middleware,
    so the page speaks the user's language and shows the usual header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_control_characters(request):
            return render(request, "400.html", {"control_characters": True}, status=400)
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
