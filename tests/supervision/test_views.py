"""The dashboard page, its drill-down lists, the scope rule, constant queries."""

from __future__ import annotations

from datetime import date
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ClerkFactory, OrganisationFactory, SupervisorFactory, UserFactory
from tests.supervision.conftest import complete, numbers, paper, step

pytestmark = pytest.mark.django_db
FEBRUARY = {"period": "2026-02"}


def get_dashboard(client, language="kk", **params):
    response = client.get(f"/{language}/supervision/", {**FEBRUARY, **params})
    assert response.status_code == 200
    return response


def listed(client, url_or_params, language="kk") -> list[str]:
    """Numbers of the applications a drill-down page lists (every page)."""
    if isinstance(url_or_params, str):
        parts = urlsplit(unescape(url_or_params))
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    else:
        params = dict(url_or_params)
    found, page = [], 1
    while True:
        response = client.get(f"/{language}/supervision/applications/", {**params, "page": page})
        assert response.status_code == 200
        found += [row.application.number for row in response.context["rows"]]
        if not response.context["page"].has_next():
            return found
        page += 1


def tile(response, key):
    return next(
        t
        for t in [*response.context["now_tiles"], *response.context["result_tiles"]]
        if t.key == key
    )


# ------------------------------------------------------------------------ the page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_dashboard_renders_in_both_languages(client, history, fixed_today, language):
    client.force_login(history.supervisor)
    response = get_dashboard(client, language)
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert html.count("<svg viewBox") == 2
    assert '<title id="stage-chart-title">' in html and '<desc id="trend-chart-desc">' in html
    assert 'data-testid="stage-table"' in html and 'data-testid="trend-table"' in html
    # Coordinates are written with a dot whatever the language's decimal separator.
    assert 'height="18"' in html and not any(f'width="{n},' in html for n in range(10))
    assert tile(response, "on_time_share").value.startswith("57")
    assert tile(response, "median").value in ("10.0", "10,0")
    assert tile(response, "p90").value in ("12.8", "12,8")


def test_dashboard_figures_on_the_page(client, history, fixed_today):
    client.force_login(history.supervisor)
    response = get_dashboard(client)
    values = {
        t.key: t.value for t in [*response.context["now_tiles"], *response.context["result_tiles"]]
    }
    assert {
        k: values[k]
        for k in ("open", "due_today", "due_soon", "overdue", "overdue_2x", "service_overdue")
    } == {
        "open": "5",
        "due_today": "1",
        "due_soon": "1",
        "overdue": "3",
        "overdue_2x": "2",
        "service_overdue": "1",
    }
    assert (values["registered"], values["decided"], values["late"], values["withdrawn"]) == (
        "10",
        "7",
        "3",
        "1",
    )


def test_supervision_needs_the_dashboard_permission(client, history):
    client.force_login(history.c1)
    assert client.get("/kk/supervision/").status_code == 403
    assert client.get("/kk/supervision/applications/", {"figure": "open"}).status_code == 403
    client.logout()
    assert client.get("/kk/supervision/").status_code == 302


def test_the_landing_page_and_the_menu_lead_to_the_dashboard(client, history):
    client.force_login(history.supervisor)
    assert client.get("/kk/me/").url == "/kk/supervision/"
    assert reverse("supervision:dashboard") == "/kk/supervision/"


def test_unknown_figure_is_404(client, history):
    client.force_login(history.supervisor)
    assert client.get("/kk/supervision/applications/", {"figure": "salaries"}).status_code == 404
    assert (
        client.get("/kk/supervision/applications/", {"figure": "open", "clerk": "x"}).status_code
        == 404
    )


# ------------------------------------------------------------------- drill-down


def test_every_figure_drills_down_to_exactly_its_applications(client, history, fixed_today):
    client.force_login(history.supervisor)
    response = get_dashboard(client)
    a = history.apps
    expected = {
        "open": numbers(a["O1"], a["O2"], a["O3"], a["O4"], a["O5"]),
        "due_today": numbers(a["O2"]),
        "due_soon": numbers(a["O1"]),
        "overdue": numbers(a["O3"], a["O4"], a["O5"]),
        "overdue_2x": numbers(a["O4"], a["O5"]),
        "service_overdue": numbers(a["O4"]),
        "registered": numbers(
            *(a[k] for k in ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "O3", "O4", "O5"))
        ),
        "decided": numbers(*(a[k] for k in ("A1", "A2", "A3", "A4", "A5", "A6", "A8"))),
        "on_time_share": numbers(a["A1"], a["A2"], a["A5"], a["A6"]),
        "median": numbers(*(a[k] for k in ("A1", "A2", "A3", "A4", "A5", "A6", "A8"))),
        "p90": numbers(*(a[k] for k in ("A1", "A2", "A3", "A4", "A5", "A6", "A8"))),
        "refused_share": numbers(a["A5"]),
        "refused_to_accept_share": numbers(a["A6"]),
        "late": numbers(a["A3"], a["A4"], a["A8"]),
        "granted": numbers(a["A1"], a["A2"], a["A3"], a["A4"], a["A8"]),
        "withdrawn": numbers(a["A7"]),
    }
    tiles = {t.key: t for t in [*response.context["now_tiles"], *response.context["result_tiles"]]}
    assert set(tiles) == set(expected)
    for key, wanted in expected.items():
        found = listed(client, tiles[key].url)
        assert len(found) == len(set(found))
        assert set(found) == wanted, key


def test_median_list_is_sorted_by_working_days(client, history, fixed_today):
    client.force_login(history.supervisor)
    url = tile(get_dashboard(client), "median").url
    a = history.apps
    assert listed(client, url)[:3] == [a["A6"].number, a["A5"].number, a["A1"].number]  # 1, 4, 8


def test_stage_cells_drill_down(client, history, fixed_today):
    client.force_login(history.supervisor)
    response = get_dashboard(client)
    a = history.apps
    rows = {
        (item["row"].service, item["row"].stage): {n: u for n, _v, u in item["cells"]}
        for item in response.context["stage_rows"]
    }
    assert set(listed(client, rows["patronat", "completeness_check"]["open"])) == numbers(
        a["O1"], a["O2"], a["O5"]
    )
    assert set(listed(client, rows["patronat", "home_inspection"]["overdue_2x"])) == numbers(
        a["O4"]
    )
    assert set(listed(client, rows["patronat", "home_inspection"]["service_overdue"])) == numbers(
        a["O4"]
    )


def test_week_and_clerk_rows_drill_down(client, history, fixed_today):
    client.force_login(history.supervisor)
    response = get_dashboard(client)
    a = history.apps
    weeks = {item["week"].monday: item for item in response.context["week_rows"]}
    assert set(listed(client, weeks[date(2026, 2, 16)]["url"])) == numbers(
        a["A2"], a["A3"], a["A5"]
    )
    assert set(listed(client, weeks[date(2026, 2, 16)]["on_time_url"])) == numbers(a["A2"], a["A5"])
    assert listed(client, weeks[date(2026, 1, 26)]["url"]) == []
    clerks = {item["clerk"].user: item for item in response.context["clerk_rows"]}
    c1, c2 = clerks[history.c1], clerks[history.c2]
    assert set(listed(client, c1["open_url"])) == numbers(a["O1"], a["O3"])
    assert set(listed(client, c1["overdue_url"])) == numbers(a["O3"])
    assert set(listed(client, c1["decided_url"])) == numbers(a["A1"], a["A2"], a["A5"], a["A6"])
    assert set(listed(client, c2["on_time_url"])) == set()
    assert set(listed(client, c2["decided_url"])) == numbers(a["A3"], a["A4"], a["A8"])


def test_drill_down_page_uses_the_table_partial_and_links_own_applications(
    client, history, fixed_today
):
    client.force_login(history.supervisor)
    response = client.get("/ru/supervision/applications/", {"figure": "overdue", **FEBRUARY})
    html = response.content.decode()
    assert "supervision/_applications_table.html" in [t.name for t in response.templates]
    assert f'href="/ru/office/{history.apps["O4"].pk}/"' in html
    assert 'lang="ru"' in html


def test_drill_down_keeps_the_custom_period(client, history, fixed_today):
    client.force_login(history.supervisor)
    found = listed(
        client, {"figure": "decided", "period": "custom", "from": "2026-02-12", "to": "2026-02-17"}
    )
    a = history.apps
    assert set(found) == numbers(a["A1"], a["A6"], a["A5"], a["A2"])
    response = get_dashboard(client, period="custom", **{"from": "2026-02-12", "to": "2026-02-17"})
    assert tile(response, "decided").value == "4"
    assert "from=2026-02-12" in tile(response, "decided").url


def test_period_filter_month_quarter_year(client, history, fixed_today):
    client.force_login(history.supervisor)
    assert tile(get_dashboard(client, period="2026-01"), "registered").value == "1"
    # The quarter: all 13 applications of office A.
    assert tile(get_dashboard(client, period="2026-q1"), "registered").value == "13"
    assert tile(get_dashboard(client, period="2026"), "decided").value == "7"
    assert tile(get_dashboard(client, period="2025-q4"), "decided").value == "0"
    # The default is the current quarter (of "today", 4 March 2026).
    response = client.get("/kk/supervision/")
    assert response.context["period"].key == "2026-q1"


def test_invalid_filters_fall_back_and_say_so(client, history, fixed_today):
    client.force_login(history.supervisor)
    response = get_dashboard(client, period="custom", **{"from": "2026-03-01", "to": "2026-02-01"})
    assert response.context["form"].errors
    assert response.context["period"].key == "2026-q1"
    response = get_dashboard(client, period="2026-13")
    assert response.context["form"].errors["period"]


# ------------------------------------------------------------------------ scope


def test_a_supervisor_sees_nothing_of_another_office(client, history, fixed_today):
    client.force_login(history.other_supervisor)
    response = get_dashboard(client)
    values = {
        t.key: t.value for t in [*response.context["now_tiles"], *response.context["result_tiles"]]
    }
    assert values["open"] == "1" and values["decided"] == "1"  # B2, B1
    assert {row["clerk"].user for row in response.context["clerk_rows"]} == {history.other_clerk}
    assert set(listed(client, {"figure": "registered", **FEBRUARY})) == numbers(
        history.apps["B1"], history.apps["B2"]
    )
    # Asking for office A by its id, or for A's clerk, gives nothing of A.
    response = get_dashboard(client, org=str(history.office.pk))
    assert "org" in response.context["form"].errors
    assert tile(response, "open").value == "1"
    # (an organisation outside the scope is an invalid choice: the whole own scope is shown)
    assert set(
        listed(client, {"figure": "registered", "org": history.office.pk, **FEBRUARY})
    ) == numbers(history.apps["B1"], history.apps["B2"])
    assert listed(client, {"figure": "open", "clerk": history.c1.pk}) == []
    assert listed(client, {"figure": "decided", "closed_by": history.c2.pk, **FEBRUARY}) == []
    html = get_dashboard(client).content.decode()
    for application in history.apps.values():
        if application.organisation_id == history.office.pk:
            assert application.number not in html


def test_a_department_supervisor_sees_the_schools_of_the_district(client, history, fixed_today):
    office = history.office
    school = OrganisationFactory(
        kind="school", code="KOK-SCH7", region=office.region, district_kk=office.district_kk
    )
    far_school = OrganisationFactory(
        kind="school", code="KOK-SCH9", region=office.region, district_kk="Зеренді ауданы"
    )
    school_clerk = ClerkFactory(organisation=school)
    far_clerk = ClerkFactory(organisation=far_school)
    mine = complete(paper(school, school_clerk, date(2026, 2, 3)), school_clerk, date(2026, 2, 6))
    theirs = complete(paper(far_school, far_clerk, date(2026, 2, 3)), far_clerk, date(2026, 2, 6))

    client.force_login(history.supervisor)
    response = get_dashboard(client)
    assert tile(response, "decided").value == "8"  # A's 7 + the district school's 1
    decided = set(listed(client, {"figure": "decided", **FEBRUARY}))
    assert mine.number in decided and theirs.number not in decided
    assert [o.code for o in response.context["scope"].organisations] == sorted(
        [office.code, school.code],
        key=lambda code: {office.code: office.name_kk, school.code: school.name_kk}[code],
    )
    # Narrowed to the school; a school's application is listed but not linked to the
    # clerk page (that page is for the school's own staff).
    found = client.get(
        "/kk/supervision/applications/", {"figure": "decided", "org": school.pk, **FEBRUARY}
    )
    assert [row.application.number for row in found.context["rows"]] == [mine.number]
    assert f"/kk/office/{mine.pk}/" not in found.content.decode()

    # The school's own supervisor sees the school only.
    client.force_login(SupervisorFactory(organisation=school))
    response = get_dashboard(client)
    assert tile(response, "decided").value == "1"
    assert set(listed(client, {"figure": "decided", **FEBRUARY})) == {mine.number}


def test_a_regional_supervisor_sees_every_organisation_of_the_region(client, history, fixed_today):
    office = history.office
    regional = OrganisationFactory(kind="regional_department", code="AKM-EDU", region=office.region)
    far_school = OrganisationFactory(
        kind="school", code="ZER-SCH1", region=office.region, district_kk="Зеренді ауданы"
    )
    far_clerk = ClerkFactory(organisation=far_school)
    in_region = complete(
        paper(far_school, far_clerk, date(2026, 2, 3)), far_clerk, date(2026, 2, 6)
    )
    OrganisationFactory(  # another agency: not supervised by education
        kind="quality_control_body", code="AKM-QC", region=office.region
    )
    elsewhere = OrganisationFactory(code="KAR-EDU")  # another region
    elsewhere_clerk = ClerkFactory(organisation=elsewhere)
    outside = paper(elsewhere, elsewhere_clerk, date(2026, 2, 3))

    client.force_login(SupervisorFactory(organisation=regional))
    response = get_dashboard(client)
    codes = {o.code for o in response.context["scope"].organisations}
    assert codes == {office.code, history.other.code, far_school.code, regional.code}
    assert tile(response, "decided").value == "9"  # A's 7 + B1 + the far school's 1
    decided = set(listed(client, {"figure": "decided", **FEBRUARY}))
    assert in_region.number in decided and history.apps["B1"].number in decided
    registered = set(listed(client, {"figure": "registered", **FEBRUARY}))
    assert in_region.number in registered and outside.number not in registered
    # Read-only: the applications of the region open, but no clerk page is linked.
    found = client.get("/kk/supervision/applications/", {"figure": "decided", **FEBRUARY})
    assert f"/kk/office/{in_region.pk}/" not in found.content.decode()


def test_superuser_sees_everything_and_nobody_else_does(client, history, fixed_today):
    client.force_login(UserFactory(role="administrator", is_superuser=True, is_staff=True))
    response = get_dashboard(client)
    assert response.context["scope"].everything
    assert tile(response, "decided").value == "8"  # A's 7 + B1
    client.force_login(SupervisorFactory(organisation=None))
    response = get_dashboard(client)
    assert tile(response, "open").value == "0"
    assert listed(client, {"figure": "open"}) == []


# ------------------------------------------------------------- constant queries


def make_applications(office, clerk, count):
    """``count`` applications, a mix of decided, late and open ones, in February."""
    made = []
    for index in range(count):
        day = (
            date(2026, 2, 2 + index % 20)
            if date(2026, 2, 2 + index % 20).weekday() < 5
            else date(2026, 2, 2)
        )
        application = paper(office, clerk, day)
        if index % 3 == 0:
            application = complete(application, clerk, date(2026, 2, 27))
        elif index % 3 == 1:
            application = step(application, "accept_documents", clerk, day)
        made.append(application)
    return made


@pytest.mark.parametrize("count", [5, 50])
def test_dashboard_queries_do_not_grow_with_the_data(
    client, patronat_office, patronat_clerk, fixed_today, count, django_assert_max_num_queries
):
    supervisor = SupervisorFactory(organisation=patronat_office)
    for index in range(3):
        ClerkFactory(organisation=patronat_office, first_name=f"Clerk{index}")
    make_applications(patronat_office, patronat_clerk, count)
    client.force_login(supervisor)
    # A fixed ceiling for 5 and for 50 applications, the same on SQLite and PostgreSQL:
    # the request's own (session, user, second factor, permissions, menu: 8), the scope
    # (1), open rows by stage (1), the period's pre-aggregated months (1), weeks (1, +1
    # for the weeks cut by February's ends), the clerks (3: open ones by assigned clerk,
    # decided ones by closer, one fetch of people), the quality section (3), the monthly
    # payments for this month and the next (2 each: offices with entitlements, their
    # registers; the lines when any).
    with django_assert_max_num_queries(23):
        response = get_dashboard(client)
    assert int(tile(response, "registered").value) == count
    with django_assert_max_num_queries(12):
        response = client.get(
            "/kk/supervision/applications/", {"figure": "registered", "clerk": "", **FEBRUARY}
        )
    assert response.context["page"].paginator.count == count


def test_the_period_figures_are_one_query_on_the_pre_aggregated_months(history):
    """A whole month: the counts, the median and the 90th percentile come from one query
    of the buckets, none of the applications; the snapshot figures are the sums of the
    open rows by stage (no query of their own)."""
    from supervision import selectors
    from supervision.figures import FigureContext
    from supervision.filters import DashboardFilters, month_period
    from supervision.scope import Scope
    from tests.supervision.conftest import TODAY

    scope = Scope.for_user(history.supervisor)
    filters = DashboardFilters(period=month_period(2026, 2))
    context = FigureContext(today=TODAY, period=filters.period)
    queryset = selectors.scoped_applications(scope, filters)
    context.badly_overdue  # noqa: B018 (the calendar's overrides are read once per year, cached)
    stage_rows = selectors.open_by_stage(queryset, context)
    with CaptureQueriesContext(connection) as queries:
        counts, median, p90 = selectors.summary(queryset, context, scope, filters, stage_rows)
    assert len(queries) == 1
    assert "supervision_figurebucket" in queries[0]["sql"]
    assert "applications_application" not in queries[0]["sql"]
    assert (counts["decided"], counts["on_time"], counts["open"]) == (7, 4, 5)
    assert (median, p90) == (10.0, 12.8)
