"""The guard of issue #12: every role, logged in once, walks every page its menu leads
to and one page of each kind of application and complaint it may open, in Kazakh and
in Russian, on the demo data; each page must show no internal code, no English word
outside a short allow-list, fit a 360 px phone without scrolling sideways, and pass
axe-core's WCAG 2.2 AA rules (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa).

What the crawl checks and how it walks: tests/browser/crawl.py. One browser context
per role (its login reused for both languages), the demo seeded once for all roles.
A failure lists every finding at once, grouped, so one run shows all there is to fix.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from playwright.sync_api import expect

from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.core.management.commands.seed_demo import DEMO_PASSWORD, USERS
from tests.browser import crawl
from tests.browser.conftest import DEFAULT_TIMEOUT_MS

pytestmark = pytest.mark.browser

# The roles as the demo logins name them: (role, organisation code).
ROLES = {
    "applicant": (Role.APPLICANT, None),
    "clerk": (Role.CLERK, "KOK-EDU"),
    "supervisor": (Role.SUPERVISOR, "KOK-EDU"),
    "regional": (Role.SUPERVISOR, "AKM-EDU"),
    "quality_control": (Role.QUALITY_CONTROLLER, "AKM-QC"),
    "admin": (Role.ADMINISTRATOR, None),
}
LANGUAGES = ("kk", "ru")
# Before logging in: the public pages and the account forms.
VISITOR_PAGES = ("", "accounts/login/", "accounts/register/", "accounts/password-reset/")


def demo_user(role: str, organisation: str | None) -> User:
    for user_role, org_code, *_names, born, male, serial in USERS:
        if user_role == role and org_code == organisation:
            return User.objects.get(iin=make_iin(born, male=male, serial=serial))
    raise LookupError(role)


def logged_in_context(browser, base: str, user: User):
    context = browser.new_context(viewport=crawl.DESKTOP, locale="kk-KZ")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"{base}/kk/accounts/login/")
    page.locator("#id_username").fill(user.iin)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("current-user")).to_have_count(1)
    page.close()
    return context


def report(findings: list[crawl.Finding]) -> str:
    """One line per problem and page kind, with the roles and languages it shows in."""
    groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for finding in findings:
        groups[(finding.kind, crawl.kind_of(finding.path), finding.detail)].add(
            f"{finding.role}/{finding.language}"
        )
    return "\n".join(
        f"[{kind}] {path}: {detail}  ({', '.join(sorted(where))})"
        for (kind, path, detail), where in sorted(groups.items())
    )


def test_every_page_of_every_role_in_both_languages(browser, live_server, demo_data):
    findings: list[crawl.Finding] = []
    visited: dict[str, int] = {}
    context = browser.new_context(viewport=crawl.DESKTOP, locale="kk-KZ")
    try:
        for language in LANGUAGES:
            start = [f"/{language}/{path}" for path in VISITOR_PAGES]
            pages, found = crawl.crawl(context, live_server.url, "visitor", language, start)
            visited[f"visitor/{language}"] = len(pages)
            findings += found
    finally:
        context.close()
    for name, (role, organisation) in ROLES.items():
        user = demo_user(role, organisation)
        context = logged_in_context(browser, live_server.url, user)
        try:
            for language in LANGUAGES:
                pages, found = crawl.crawl(
                    context, live_server.url, name, language, crawl.start_paths(user, language)
                )
                visited[f"{name}/{language}"] = len(pages)
                findings += found
        finally:
            context.close()
    # The crawl reached the pages it is about (a broken login would visit one page).
    assert all(count >= 5 for count in visited.values()), visited
    assert not findings, f"{len(findings)} findings on the pages:\n{report(findings)}"
