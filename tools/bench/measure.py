"""Measuring the pages: who asks for what, the HTTP client, and the table.

Every request goes to the gunicorn on 127.0.0.1 that __main__ started. Each measured
request is preceded by a ``/healthz`` request, so the baseline is taken under the same
load at the same moments; a page's ratio is its median over the median of
``/healthz``. A page is asked for once unmeasured first (templates, translations and
the database's cache warm up), then ``repeat`` times. The logged-in users' sessions are
made in the database (as the login form would make them), so no password is hashed and
no login throttling counts the benchmark.
"""

from __future__ import annotations

import http.client
import math
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from applications.models import Application
from applications.registry import get_service
from applications.workflow import DRAFT, REFUSED_TO_ACCEPT
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.accounts.second_factor import needs_second_factor
from guardianship_portal.organisations.models import Organisation
from supervision.filters import current_quarter, quarter_period, year_period
from supervision.scope import Scope

from . import QUERIES_HEADER, generate

HOST = "127.0.0.1"  # the benchmark never asks anyone else
PAGE_SIZE = 25  # the queue's page size (applications/office_views.py)
TRANSITION = "refuse_to_accept"  # issues the refusal receipt (kk and ru)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


class BenchError(RuntimeError):
    pass


# ----------------------------------------------------------------------------- client


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]
    cookies: dict[str, str]
    seconds: float

    @property
    def queries(self) -> int | None:
        value = self.headers.get(QUERIES_HEADER.lower())
        return int(value) if value is not None else None


class Client:
    """One visitor: its cookies, one connection per request (gunicorn's sync worker
    closes it after each response)."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})

    def request(self, method: str, path: str, form: dict | list | None = None) -> Response:
        headers = {"Host": f"{HOST}:{self.port}", "User-Agent": "portal-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        began = time.perf_counter()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=900)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            content = answer.read()
        finally:
            connection.close()
        seconds = time.perf_counter() - began
        cookies = {}
        for name, value in answer.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _eq, cookie = pair.partition("=")
                cookies[key.strip()] = cookie.strip()
        self.cookies.update(cookies)
        return Response(
            answer.status,
            content,
            {k.lower(): v for k, v in answer.getheaders()},
            cookies,
            seconds,
        )


def session_cookie(user: User) -> dict[str, str]:
    """A logged-in session for ``user``, stored as django.contrib.auth.login stores it."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if needs_second_factor(user):
        # Staff sessions have given their second factor (as django_otp.login records it).
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "bench"}
        )
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return {settings.SESSION_COOKIE_NAME: store.session_key}


# ----------------------------------------------------------------------------- pages


@dataclass
class Page:
    name: str
    user: str  # a key of Cast.users, or "" for anonymous
    rows: int | None  # applications in the page's scope
    path: str = ""
    # For a POST: called per request with the client, returns (path, form) to post;
    # it may make unmeasured requests first (the page the form is on).
    prepare: Callable[[Client], tuple[str, list]] | None = None
    # For a GET: called before each request, unmeasured (e.g. a job run to completion).
    before: Callable[[], None] | None = None
    expect: tuple[int, ...] = (200,)
    times: list[float] = field(default_factory=list)
    queries: set[int] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


@dataclass
class Cast:
    """Who the benchmark acts as, found by the offices the generator made."""

    users: dict[str, User]
    office: Organisation
    office_rows: int
    city_rows: int
    region_rows: int
    applicant_rows: int
    details: dict[str, int]


def find_cast() -> Cast:
    office = Organisation.objects.get(code=generate.MEASURED_OFFICE)
    regional = Organisation.objects.get(code=generate.REGIONAL_OFFICE)
    staff = User.objects.filter(is_active=True).order_by("pk")
    clerk = staff.filter(organisation=office, role=Role.CLERK).first()
    city = staff.filter(organisation=office, role=Role.SUPERVISOR).first()
    region = staff.filter(organisation=regional, role=Role.SUPERVISOR).first()
    if not (clerk and city and region):
        raise BenchError(f"no clerk or supervisors at {office.code} / {regional.code}")
    filed = Application.objects.filter(organisation=office).exclude(state=DRAFT)
    office_rows = filed.count()
    middle = filed.exclude(applicant=None).order_by("pk")[office_rows // 2 : office_rows // 2 + 1]
    sample = middle.first() or filed.first()
    if sample is None:
        raise BenchError(f"{office.code} has no applications")
    applicant = sample.applicant or User.objects.filter(role=Role.APPLICANT).first()
    if applicant is None:
        raise BenchError("no applicant accounts")
    open_one = filed.exclude(state__in=_final_states()).exclude(stage="completeness_check")
    details = {
        "open": (open_one.order_by("-pk").first() or sample).pk,
        "final": sample.pk,
    }
    return Cast(
        users={"clerk": clerk, "city": city, "region": region, "applicant": applicant},
        office=office,
        office_rows=office_rows,
        city_rows=_scope_rows(city),
        region_rows=_scope_rows(region),
        applicant_rows=Application.objects.filter(applicant=applicant).count(),
        details=details,
    )


def _final_states() -> list[str]:
    from applications.office_selectors import FINAL_STATES

    return list(FINAL_STATES)


def _scope_rows(user: User) -> int:
    scope = Scope.for_user(user)
    return Application.objects.filter(scope.application_condition()).exclude(state=DRAFT).count()


def pages(cast: Cast, *, today: date) -> list[Page]:
    office_rows, city_rows, region_rows = cast.office_rows, cast.city_rows, cast.region_rows
    sample = Application.objects.get(pk=cast.details["final"])
    deep = max(1, math.ceil(office_rows / PAGE_SIZE) * 4 // 5)
    service = sample.service
    name = " ".join(sample.applicant_name.split()[:2])
    # The last closed quarter: the report a supervisor downloads most.
    this_quarter = current_quarter(today).start
    number = (this_quarter.month - 1) // 3 + 1
    quarter = (
        quarter_period(this_quarter.year, number - 1)
        if number > 1
        else quarter_period(this_quarter.year - 1, 4)
    )
    last_year = year_period(today.year - 1).key

    def queue(title: str, **query: Any) -> Page:
        path = "/kk/office/" + (f"?{urlencode(query)}" if query else "")
        return Page(title, "clerk", office_rows, path)

    listing = [
        queue("queue, first page"),
        queue(f"queue, deep page ({deep})", status="all", page=deep),
        queue("queue, finished", status="closed"),
        queue("queue, all", status="all"),
        queue(f"queue, service ({service})", service=service),
        queue("queue, state (review)", state="review"),
        queue("queue, stage overdue", due="overdue"),
        queue("queue, stage due today", due="today"),
        queue("queue, stage due this week", due="week"),
        queue("queue, assigned to me", assigned="me"),
        queue("queue, assigned to nobody", assigned="unassigned"),
        queue("queue, search number", q=sample.number, status="all"),
        queue("queue, search IIN", q=sample.applicant_iin, status="all"),
        queue("queue, search name", q=name, status="all"),
        Page("application page", "clerk", office_rows, f"/kk/office/{cast.details['open']}/"),
        Page(
            "application page, final",
            "clerk",
            office_rows,
            f"/kk/office/{cast.details['final']}/",
        ),
        Page("cabinet", "applicant", cast.applicant_rows, "/kk/cabinet/"),
        Page(
            "cabinet, application",
            "applicant",
            cast.applicant_rows,
            f"/kk/cabinet/{sample.pk}/",
        ),
        Page("dashboard, city", "city", city_rows, "/kk/supervision/"),
        Page("dashboard, region", "region", region_rows, "/kk/supervision/"),
        Page(
            f"dashboard, region, year {last_year}",
            "region",
            region_rows,
            f"/kk/supervision/?period={last_year}",
        ),
        Page(
            "drill-down open, city",
            "city",
            city_rows,
            "/kk/supervision/applications/?figure=open",
        ),
        Page(
            "drill-down open, region",
            "region",
            region_rows,
            "/kk/supervision/applications/?figure=open",
        ),
        Page(
            "drill-down overdue, region",
            "region",
            region_rows,
            "/kk/supervision/applications/?figure=overdue",
        ),
        Page(
            f"drill-down decided, region, {quarter.key}",
            "region",
            region_rows,
            f"/kk/supervision/applications/?figure=decided&period={quarter.key}",
        ),
        Page(
            f"report {quarter.key} XLSX, region",
            "region",
            region_rows,
            f"/kk/supervision/reports/quality/?period={quarter.key}&format=xlsx",
        ),
        # The PDF is rendered by a job (supervision.report_jobs): the first ask answers
        # "being prepared" (measured in Russian, each time as a first ask: the rows of
        # earlier asks are removed before it), the next ones download the stored file
        # (Kazakh; the job is run here, unmeasured, before the first of them).
        Page(
            f"report {quarter.key} PDF, region, first ask (being prepared)",
            "region",
            region_rows,
            f"/ru/supervision/reports/quality/?period={quarter.key}&format=pdf",
            before=forget_reports("ru"),
        ),
        Page(
            f"report {quarter.key} PDF, region, ready",
            "region",
            region_rows,
            f"/kk/supervision/reports/quality/?period={quarter.key}&format=pdf",
            before=render_reports("kk"),
        ),
    ]
    listing.append(transition_page(cast))
    return listing


def forget_reports(language: str) -> Callable[[], None]:
    def forget() -> None:
        from supervision.models import ReportFile

        ReportFile.objects.filter(language=language).delete()

    return forget


def render_reports(language: str) -> Callable[[], None]:
    """Run the report jobs the portal enqueued in ``language`` (in this process, as a
    worker would)."""

    def render() -> None:
        from supervision.models import ReportFile
        from supervision.report_jobs import render_report

        waiting = ReportFile.objects.filter(file="", language=language)
        for pk in waiting.values_list("pk", flat=True):
            render_report.call(report_pk=pk)

    return render


def transition_page(cast: Cast) -> Page:
    """The clerk refuses to accept an application at the completeness check: the
    transition that issues a document (the refusal receipt). Each request uses up one
    of the applications the generator reserved; the page it is posted from is fetched
    first, unmeasured, for its CSRF token."""
    waiting = list(
        Application.objects.filter(organisation=cast.office, state="completeness_check")
        .order_by("-pk")
        .values_list("pk", "service", "edition")
    )

    def prepare(client: Client) -> tuple[str, list]:
        if not waiting:
            raise BenchError("no application left at the completeness check")
        pk, service, edition = waiting.pop(0)
        page = client.request("GET", f"/kk/office/{pk}/")
        token = CSRF_INPUT.search(page.body.decode("utf-8", "replace"))
        if page.status != 200 or token is None:
            raise BenchError(f"application page {pk}: {page.status}, no CSRF token")
        missing = get_service(service).checklist_of(edition)[0].code
        form = [
            ("csrfmiddlewaretoken", token[1]),
            ("action", TRANSITION),
            ("expected_state", "completeness_check"),
            ("reason", "Құжаттар толық емес (бенчмарк)."),
            ("missing", missing),
            # A refusal ends the application: the clerk confirms it (office_views).
            ("confirm_final", "1"),
        ]
        return f"/kk/office/{pk}/act/", form

    return Page(
        "transition issuing a document",
        "clerk",
        cast.office_rows,
        prepare=prepare,
        expect=(302,),
    )


# ----------------------------------------------------------------------------- run


@dataclass
class Result:
    healthz: Page
    pages: list[Page]
    transitions_done: int


def run(*, port: int, repeat: int, today: date, log: Callable[[str], None] = print) -> Result:
    cast = find_cast()
    listing = pages(cast, today=today)
    cookies = {key: session_cookie(user) for key, user in cast.users.items()}
    healthz = Page("/healthz", "", None, "/healthz")
    anonymous = Client(port)
    before = Application.objects.filter(organisation=cast.office, state=REFUSED_TO_ACCEPT).count()
    # Round 0 warms up and is not counted; rounds 1 … repeat are.
    for round_ in range(repeat + 1):
        began = time.monotonic()
        for page in listing:
            if page.errors and round_ > 0 and len(page.errors) > repeat // 2:
                continue  # a page that keeps failing is reported, not hammered
            _one(anonymous, healthz, measured=round_ > 0)
            client = Client(port, cookies.get(page.user))
            _one(client, page, measured=round_ > 0)
        log(
            f"  round {round_}/{repeat}{' (warm-up)' if round_ == 0 else ''}: "
            f"{time.monotonic() - began:.1f} s"
        )
    after = Application.objects.filter(organisation=cast.office, state=REFUSED_TO_ACCEPT).count()
    return Result(healthz, listing, after - before)


def _one(client: Client, page: Page, *, measured: bool) -> None:
    try:
        if page.before is not None:
            page.before()
        if page.prepare is not None:
            path, form = page.prepare(client)
            response = client.request("POST", path, form)
        else:
            response = client.request("GET", page.path)
    except (BenchError, OSError, http.client.HTTPException) as error:
        page.errors.append(str(error))
        return
    if response.status not in page.expect:
        page.errors.append(f"HTTP {response.status}")
        return
    if measured:
        page.times.append(response.seconds)
        if response.queries is not None:
            page.queries.add(response.queries)


# ----------------------------------------------------------------------------- table


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least ``share`` of them at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(result: Result) -> list[dict[str, Any]]:
    base = statistics.median(result.healthz.times) if result.healthz.times else None
    rows = []
    for page in [result.healthz, *result.pages]:
        p50 = statistics.median(page.times) if page.times else None
        rows.append(
            {
                "page": page.name,
                "path": page.path or "(POST)",
                "rows": page.rows,
                "requests": len(page.times),
                "p50_ms": round(p50 * 1000, 1) if p50 is not None else None,
                "p95_ms": round(percentile(page.times, 0.95) * 1000, 1) if page.times else None,
                "ratio": round(p50 / base, 1) if p50 is not None and base else None,
                "queries": sorted(page.queries),
                "errors": page.errors[:3],
            }
        )
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    """A Markdown table (it reads in a terminal and pastes into the README)."""

    def cell(value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, list):
            return "/".join(str(v) for v in value) or "—"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)

    header = ["page", "rows", "p50 ms", "p95 ms", "× /healthz", "queries"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|",
    ]
    for row in rows:
        name = row["page"] + (f" (errors: {'; '.join(row['errors'])})" if row["errors"] else "")
        values = [row["rows"], row["p50_ms"], row["p95_ms"], row["ratio"], row["queries"]]
        lines.append("| " + " | ".join([name, *(cell(v) for v in values)]) + " |")
    return "\n".join(lines)


def applications_per_office(limit: int = 3) -> list[tuple[str, int]]:
    rows = (
        Application.objects.values("organisation__code")
        .annotate(n=Count("pk"))
        .order_by("-n")[:limit]
    )
    return [(row["organisation__code"], row["n"]) for row in rows]
