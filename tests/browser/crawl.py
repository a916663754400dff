"""The crawl behind tests/browser/test_crawl.py: every page a role reaches from its
menu (and one page of each kind of application and complaint), in kk and ru, checked
for what a person must never meet and for WCAG 2.2 AA with axe-core.

On each page:
- no internal code: a snake_case word in the visible text (``record_inspection``);
- no English word outside a short allow-list (IBAN, PDF, QR, e-mail addresses, the
  numbers of applications and offices such as ``KOK-EDU-2026-000001``);
- not wider than the viewport of a small phone (360 px): nothing scrolls sideways;
- axe-core (the copy vendored in axe-playwright-python) with the WCAG 2.2 AA tags: no
  violation.

Links are followed breadth-first from the menu, inside the page's language prefix,
one page per kind of address (digits in the path count as one kind), never a
download (PDF, XLSX, scans) and never a form: the crawl only reads.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE_WIDTH = 360
DESKTOP = {"width": 1280, "height": 900}

# Latin words a page may show: formats and identifiers people know by these letters.
ALLOWED_LATIN = {
    "IBAN",
    "PDF",
    "QR",
    "XLSX",
    "CSV",
    "JPEG",
    "PNG",
    "IIN",
    "BIN",
    "KZ",
    "SMS",
    "IP",
    "ISO",
}
# Official numbers: applications (KOK-EDU-2026-000001), offices (KOK-SCH7), documents.
OFFICIAL_NUMBER = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?:/[A-Z]+)?\b")
IBAN = re.compile(r"\bKZ[0-9A-Z]{2,}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"\bhttps?://\S+|\b(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:kz|gov|com|org)\b\S*")
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")

# Never opened: files, and what only answers a form.
SKIP_PATH = re.compile(
    r"/documents/|/scans/|/logout/|/act/|/assign/|/review/|/take/|/answer/|/forward/"
    r"|/upload/|/submit/|/withdraw/|/notifications/read/|/i18n/|/static/|/media/"
    r"|/admin/logout/|/admin/password_change/|/history/|/delete/|/autocomplete/"
    r"|/jsi18n/|/r/\d+/|/export/|/download/"
)
SKIP_QUERY = re.compile(r"(?:^|&)(?:format|export)=")
# At most this many pages of one kind of address (the same view with other ids).
PER_KIND = 1


@dataclass(frozen=True)
class Finding:
    kind: str  # "code", "english", "width", "axe", "status"
    role: str
    language: str
    path: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.role}/{self.language} {self.path}: {self.detail}"


def kind_of(path: str) -> str:
    """One kind per view: the ids in a path do not make another kind of page; in the
    admin, one change form and one add form stand for all (they share the templates)."""
    if match := re.search(r"/admin/[^/]+/[^/]+/(.+)$", path):
        tail = match[1]
        if tail.endswith("/change/"):
            return "admin-change"
        if tail == "add/":
            return "admin-add"
    return re.sub(r"/\d+(?=/)", "/N", path)


# In the admin, what the portal words: the header, the menu, the titles and the column
# headings; not the rows, which are data (a job's arguments, a browser's user agent).
ADMIN_CHROME = (
    "#header, #nav-sidebar caption, #nav-sidebar th, .breadcrumbs, #content > h1, "
    "#content > h2, .module caption, #result_list thead, #changelist-filter h2, "
    "#changelist-filter h3, .submit-row, fieldset > h2, .form-row label"
)


def visible_text(page: Page, path: str = "") -> str:
    if "/admin/" in path:
        return page.evaluate(
            "(selector) => Array.from(document.querySelectorAll(selector))"
            ".map(e => e.innerText).join('\\n')",
            ADMIN_CHROME,
        )
    return page.evaluate("() => document.body.innerText")


def text_problems(text: str) -> tuple[list[str], list[str]]:
    """(internal codes, English words) in a page's visible text."""
    codes = sorted(set(SNAKE_CASE.findall(text)))
    cleaned = EMAIL.sub(" ", text)
    cleaned = URL.sub(" ", cleaned)
    cleaned = OFFICIAL_NUMBER.sub(" ", cleaned)
    cleaned = IBAN.sub(" ", cleaned)
    cleaned = SNAKE_CASE.sub(" ", cleaned)
    english = sorted(
        {word for word in LATIN_WORD.findall(cleaned) if word.upper() not in ALLOWED_LATIN}
    )
    return codes, english


def page_width(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


# The innermost elements that reach past the right edge: what to fix.
WIDEST = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const out = Array.from(document.body.querySelectorAll('*')).filter(
    e => e.getBoundingClientRect().right > edge && e.getClientRects().length);
  const inner = out.filter(e => !out.some(o => o !== e && e.contains(o)));
  return inner.slice(0, 3).map(e => e.tagName.toLowerCase()
    + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
    + ' «' + (e.innerText || '').trim().slice(0, 40) + '»');
}"""


def axe_violations(page: Page, axe: Axe) -> list[str]:
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    found = []
    for violation in results.response.get("violations", []):
        targets = [" ".join(map(str, node.get("target", []))) for node in violation["nodes"][:3]]
        summary = "; ".join(
            (node.get("failureSummary") or "").replace("\n", " ")[:160]
            for node in violation["nodes"][:1]
        )
        found.append(f"{violation['id']} ({len(violation['nodes'])}×: {targets}) {summary}")
    return found


def links_on(page: Page, language: str) -> list[str]:
    """Same-site links of the page in its own language, as paths with their query."""
    hrefs = page.evaluate(
        """() => Array.from(document.querySelectorAll('a[href]'))
             .filter(a => !a.hasAttribute('download'))
             .map(a => new URL(a.getAttribute('href'), document.baseURI).href)"""
    )
    origin = urlsplit(page.url)
    result = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc != origin.netloc or not parts.path.startswith(f"/{language}/"):
            continue
        if SKIP_PATH.search(parts.path) or SKIP_QUERY.search(parts.query):
            continue
        result.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return result


def check_page(page: Page, axe: Axe | None, role: str, language: str, path: str) -> list[Finding]:
    """The four checks on the page that is open (at desktop size); leaves it at desktop size."""
    found: list[Finding] = []

    def add(kind: str, detail: str) -> None:
        found.append(Finding(kind, role, language, path, detail))

    lang = page.evaluate("() => document.documentElement.lang")
    if lang != language:
        add("lang", f"<html lang={lang!r}>")
    codes, english = text_problems(visible_text(page, path))
    if codes:
        add("code", ", ".join(codes[:12]))
    if english:
        add("english", ", ".join(english[:20]))
    for violation in axe_violations(page, axe) if axe is not None else ():
        add("axe", violation)
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 780})
    try:
        width = page_width(page)
        if width > PHONE_WIDTH:
            add("width", f"{width} px wide at {PHONE_WIDTH} px: {page.evaluate(WIDEST)}")
    finally:
        page.set_viewport_size(DESKTOP)
    return found


def crawl(
    context: BrowserContext,
    base: str,
    role: str,
    language: str,
    start: list[str],
    *,
    limit: int = 80,
    run_axe: bool = True,
) -> tuple[list[str], list[Finding]]:
    """Visit ``start`` (paths under /<language>/) and what their links reach, one page
    per kind; returns the paths visited and what was found on them."""
    axe = Axe() if run_axe else None
    page = context.new_page()
    page.set_viewport_size(DESKTOP)
    queue: deque[str] = deque(start)
    seen_kinds: dict[str, int] = {}
    # The start pages are visited whatever their kind (one application of each service).
    forced = set(start)
    visited: list[str] = []
    findings: list[Finding] = []
    try:
        while queue and len(visited) < limit:
            path = queue.popleft()
            kind = kind_of(urlsplit(path).path)
            if path in visited:
                continue
            if path not in forced and seen_kinds.get(kind, 0) >= PER_KIND:
                continue
            seen_kinds[kind] = seen_kinds.get(kind, 0) + 1
            try:
                response = page.goto(base + path)
            except PlaywrightError as error:
                if "Download is starting" in str(error):
                    continue  # a file behind a plain link: not a page
                raise
            visited.append(path)
            status = response.status if response is not None else 0
            if status >= 400:
                findings.append(Finding("status", role, language, path, f"HTTP {status}"))
                continue
            landed = urlsplit(page.url).path
            # A visitor's "Apply online" leads to the login by design (and back after
            # it); for anyone logged in, a link that ends at the login is broken.
            if (
                landed.endswith("/accounts/login/")
                and not path.endswith("/accounts/login/")
                and role != "visitor"
            ):
                findings.append(Finding("status", role, language, path, "sent to the login"))
                continue
            findings += check_page(page, axe, role, language, path)
            for link in links_on(page, language):
                if link not in visited:
                    queue.append(link)
    finally:
        page.close()
    return visited, findings


def start_paths(user, language: str) -> list[str]:
    """Where a role's crawl starts: its landing page (the menu is on every page), and one
    page of each kind of application (service × state; for a supervisor, service) and
    complaint (state) it may see."""
    from applications.models import Application
    from complaints.models import Complaint

    paths = [f"/{language}/me/", f"/{language}/"]
    if user.is_superuser:
        return paths
    staff = user.has_perm("accounts.work_queue") or user.has_perm("accounts.view_dashboard")
    applications = Application.objects.visible_to(user).order_by("service", "state", "-pk")
    # Supervisors open the clerk's page read-only: one per service is enough there.
    supervising = user.has_perm("accounts.view_dashboard")
    seen: set[tuple[str, str]] = set()
    for pk, service, state in applications.values_list("pk", "service", "state").iterator():
        kind = (service, "" if supervising else state)
        if kind in seen:
            continue
        seen.add(kind)
        if user.has_perm("accounts.work_queue"):
            paths.append(f"/{language}/office/{pk}/")
        elif not staff:
            paths.append(f"/{language}/cabinet/{pk}/")
    if user.has_perm("accounts.register_paper_application"):
        from applications.office_selectors import provided_services

        paths += [f"/{language}/office/register/{d.code}/" for d in provided_services(user)]
    complaints = (
        Complaint.objects.office_side(user) if staff else Complaint.objects.filter(applicant=user)
    )
    seen_states: set[str] = set()
    for pk, state in complaints.order_by("state", "-pk").values_list("pk", "state"):
        if state not in seen_states:
            seen_states.add(state)
            view = "office/" if staff else ""
            paths.append(f"/{language}/complaints/{view}{pk}/")
    return paths
