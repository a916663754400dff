"""Channels: the same application filed on the portal, at the provider's office and at a
State Corporation centre (seed 002), registered and due as the rules say; what the
receipt lists and where it says the result is handed out; the incomplete set at the
counter, refused to accept at once.

The guardian allowance is used: it is filed through all three channels (seed 002) and
its whole term is 10 working days, the completeness check 1.
"""

import io
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from pypdf import PdfReader

from applications import actions
from applications.actions import (
    application_register_paper,
    application_submit,
    attachment_add,
    missing_documents,
)
from applications.errors import (
    IncompletePaperSet,
    IntakeOfficeRequired,
    NoIntakeOfficeInRegion,
)
from applications.models import Application, ApplicationEvent, RegistryLookup
from applications.registry import Channel, get_service
from applications.result_documents import application_documents, issue_document
from documents.models import IssuedDocument
from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.organisations.models import Organisation
from guardianship_portal.organisations.scope import organisations_in_scope
from tests.factories import (
    ClerkFactory,
    OrganisationFactory,
    ProvidedServiceFactory,
    RegionFactory,
    SupervisorFactory,
    UserFactory,
)
from tests.files import pdf_upload
from tests.services.guardian_allowance.helpers import child, draft_for

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")
SERVICE = "guardian_allowance"
DEFINITION = get_service(SERVICE)
ANSWERS = {"child_born_abroad": False, "child_born_before_registry": False}
# Everything the office (and the State Corporation) asks for with these answers.
FULL_SET = [item.code for item in DEFINITION.checklist_for(ANSWERS, Channel.OFFICE)]
CENTRE_KK = "Қарағанды қаласының халыққа қызмет көрсету орталығы"
CENTRE_RU = "Центр обслуживания населения города Караганды"
CENTRE_ADDRESS_KK = "Қарағанды қ., Шахтерлер даңғылы, 29"
CENTRE_ADDRESS_RU = "г. Караганда, пр. Шахтеров, 29"


@pytest.fixture
def region(db):
    return RegionFactory(name_kk="Қарағанды облысы", name_ru="Карагандинская область")


@pytest.fixture
def office(region):
    """The provider: seed 004's hours, 9:00–18:30 with lunch 13:00–14:30 (the defaults)."""
    office = OrganisationFactory(
        code="KAR-EDU",
        region=region,
        name_kk="Қарағанды қаласының білім бөлімі",
        name_ru="Отдел образования города Караганды",
        address_kk="Қарағанды қ., Бұқар жырау даңғылы, 47",
        address_ru="г. Караганда, пр. Бухар жырау, 47",
    )
    ProvidedServiceFactory(organisation=office, service=SERVICE)
    return office


@pytest.fixture
def centre(region):
    """A State Corporation centre of the same region, open 9:00–20:00 without lunch."""
    return OrganisationFactory(
        kind=Organisation.Kind.STATE_CORPORATION,
        code="KAR-GOVC",
        region=region,
        name_kk=CENTRE_KK,
        name_ru=CENTRE_RU,
        address_kk=CENTRE_ADDRESS_KK,
        address_ru=CENTRE_ADDRESS_RU,
        phone="1414",
        opens_at=time(9, 0),
        closes_at=time(20, 0),
        lunch_starts_at=None,
        lunch_ends_at=None,
    )


@pytest.fixture
def clerk(office):
    return ClerkFactory(organisation=office, last_name="Петрова", first_name="Анна")


_serial = iter(range(300, 900))


def paper(office, clerk, channel, at, *, centre=None, brought=FULL_SET, refuse=False, lang="kk"):
    return application_register_paper(
        service=SERVICE,
        organisation=office,
        clerk=clerk,
        applicant=None,
        applicant_data={
            "applicant_iin": make_iin(date(1986, 2, 3), male=False, serial=next(_serial)),
            "applicant_name": "Омарова Жансая Қайратқызы",
            "applicant_phone": "+77015550000",
            "applicant_address": "Қарағанды қ., Ерубаев к-сі, 5",
        },
        children=[child()],
        answers=dict(ANSWERS),
        language=lang,
        channel=channel,
        accepted_at=at,
        brought=list(brought),
        intake_office=centre,
        refuse_incomplete=refuse,
    )


def portal(office, at):
    applicant = UserFactory()
    draft = draft_for(applicant, office)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    return application_submit(application=draft, actor=applicant, accepted_at=at)


def file_through(channel, office, clerk, centre, at):
    if channel == Channel.PORTAL:
        return portal(office, at)
    return paper(office, clerk, channel, at, centre=centre)


def moment(*args):
    return datetime(*args, tzinfo=ALMATY)


# ------------------------------------------------------------------ registration and due dates
#
# Convention: the registration day is working day 0 and is not counted; 10 working days
# end on the 10th working day after it. Seed 002: "at the State Corporation the day of
# acceptance is not counted" — that is working day 0, so it is excluded once, as in the
# other channels. What differs is whose hours decide the registration day: the provider's
# (9:00–18:30) for the portal and the office, the centre's (9:00–20:00) for its filings.
#
# The calendar (holidays package, no 2026 override): Nauryz 21–23 March 2026 falls
# Saturday to Monday; the Saturday and the Sunday move to Tuesday 24 and Wednesday 25, so
# 21–25 March are days off and Thursday 26 March is the first working day after.

PORTAL, OFFICE, CORPORATION = Channel.PORTAL, Channel.OFFICE, Channel.STATE_CORPORATION
CHANNELS = (PORTAL, OFFICE, CORPORATION)

CASES = [
    # Ordinary week. Mon 16 Nov 2026 10:30, everyone is open → day 0 = Mon 16 Nov.
    # 17, 18, 19, 20 (4), 23–27 (9), Mon 30 Nov (10). Completeness check: 1 → Tue 17 Nov.
    *[
        pytest.param(
            channel,
            moment(2026, 11, 16, 10, 30),
            date(2026, 11, 16),
            date(2026, 11, 30),
            date(2026, 11, 17),
            id=f"ordinary-week-morning-{channel}",
        )
        for channel in (PORTAL, OFFICE, CORPORATION)
    ],
    # Mon 16 Nov 19:00: after the provider's 18:30, within the centre's 20:00.
    # Portal and office → day 0 = Tue 17 Nov; 18, 19, 20 (3), 23–27 (8), 30 Nov (9),
    # Tue 1 Dec (10); check due Wed 18 Nov.
    pytest.param(
        PORTAL,
        moment(2026, 11, 16, 19, 0),
        date(2026, 11, 17),
        date(2026, 12, 1),
        date(2026, 11, 18),
        id="ordinary-week-evening-portal",
    ),
    pytest.param(
        OFFICE,
        moment(2026, 11, 16, 19, 0),
        date(2026, 11, 17),
        date(2026, 12, 1),
        date(2026, 11, 18),
        id="ordinary-week-evening-office",
    ),
    # The centre is still open at 19:00 → day 0 = Mon 16 Nov, due Mon 30 Nov (as the
    # morning); the first stage starts on day 0 too → check due Tue 17 Nov.
    pytest.param(
        CORPORATION,
        moment(2026, 11, 16, 19, 0),
        date(2026, 11, 16),
        date(2026, 11, 30),
        date(2026, 11, 17),
        id="ordinary-week-evening-centre-still-open",
    ),
    # 20:00 is the centre's closing time → Tue 17 Nov, due Tue 1 Dec, check Wed 18 Nov.
    pytest.param(
        CORPORATION,
        moment(2026, 11, 16, 20, 0),
        date(2026, 11, 17),
        date(2026, 12, 1),
        date(2026, 11, 18),
        id="ordinary-week-centre-closing-time",
    ),
    # Nauryz. Fri 20 Mar 2026 10:00 → day 0 = Fri 20 Mar; 21–25 off; 26, 27 (2),
    # 30, 31 Mar (4), 1, 2, 3 Apr (7), 6, 7, 8 Apr (10) → Wed 8 Apr; check Thu 26 Mar.
    # (The old rule counted the centre's filing from 26 Mar: due 9 Apr, a day late.)
    *[
        pytest.param(
            channel,
            moment(2026, 3, 20, 10, 0),
            date(2026, 3, 20),
            date(2026, 4, 8),
            date(2026, 3, 26),
            id=f"nauryz-friday-morning-{channel}",
        )
        for channel in (PORTAL, OFFICE, CORPORATION)
    ],
    # Fri 20 Mar 19:05: the provider is closed → day 0 = Thu 26 Mar; 27 (1), 30, 31 (3),
    # 1, 2, 3 Apr (6), 6, 7, 8, 9 Apr (10) → Thu 9 Apr; check Fri 27 Mar.
    *[
        pytest.param(
            channel,
            moment(2026, 3, 20, 19, 5),
            date(2026, 3, 26),
            date(2026, 4, 9),
            date(2026, 3, 27),
            id=f"nauryz-friday-evening-{channel}",
        )
        for channel in (PORTAL, OFFICE)
    ],
    # …but the centre is open until 20:00 → day 0 = Fri 20 Mar, due Wed 8 Apr, check 26 Mar.
    pytest.param(
        CORPORATION,
        moment(2026, 3, 20, 19, 5),
        date(2026, 3, 20),
        date(2026, 4, 8),
        date(2026, 3, 26),
        id="nauryz-friday-evening-centre-still-open",
    ),
    # Mon 23 Mar (Nauryz) 11:00 and Sat 21 Mar 11:00: days off in every channel (our
    # calendar has Monday–Friday working days only, also for the centres) → day 0 =
    # Thu 26 Mar, due Thu 9 Apr, check Fri 27 Mar.
    *[
        pytest.param(
            channel,
            at,
            date(2026, 3, 26),
            date(2026, 4, 9),
            date(2026, 3, 27),
            id=f"nauryz-{label}-{channel}",
        )
        for channel in (PORTAL, OFFICE, CORPORATION)
        for label, at in (
            ("monday-holiday", moment(2026, 3, 23, 11, 0)),
            ("saturday", moment(2026, 3, 21, 11, 0)),
        )
    ],
    # Thu 26 Mar 10:00 → day 0 = Thu 26 Mar, due Thu 9 Apr, check Fri 27 Mar.
    *[
        pytest.param(
            channel,
            moment(2026, 3, 26, 10, 0),
            date(2026, 3, 26),
            date(2026, 4, 9),
            date(2026, 3, 27),
            id=f"nauryz-first-working-day-{channel}",
        )
        for channel in (PORTAL, OFFICE, CORPORATION)
    ],
]


@pytest.mark.parametrize(("channel", "at", "registered_on", "due_on", "check_due_on"), CASES)
def test_registration_and_due_dates_by_channel(
    office, clerk, centre, channel, at, registered_on, due_on, check_due_on
):
    application = file_through(channel, office, clerk, centre, at)
    assert application.channel == channel
    assert application.registered_on == registered_on
    assert application.due_on == due_on
    assert application.stage == "completeness_check"
    assert application.stage_started_on == registered_on
    assert application.stage_due_on == check_due_on
    stored = Application.objects.get(pk=application.pk)
    assert (stored.registered_on, stored.due_on) == (registered_on, due_on)
    if channel == CORPORATION:
        assert stored.intake_office == centre


def test_same_moment_same_due_date_in_office_hours(office, clerk, centre):
    """The bug of the issue: the centre's filing was due a working day later."""
    at = moment(2026, 11, 16, 10, 30)
    due = [file_through(channel, office, clerk, centre, at).due_on for channel in CHANNELS]
    assert due == [date(2026, 11, 30)] * 3


def test_the_centres_own_hours_are_data(office, clerk, centre):
    """Edited hours (the admin) decide: a centre closing at 19:00 registers 19:00 on the
    next working day (Mon 16 Nov 19:00 → Tue 17 Nov)."""
    centre.closes_at = time(19, 0)
    centre.save()
    application = paper(office, clerk, CORPORATION, moment(2026, 11, 16, 19, 0), centre=centre)
    assert application.registered_on == date(2026, 11, 17)


# ------------------------------------------------------------------ the centre is required


def test_a_centre_filing_names_a_centre_of_the_region(office, clerk, centre):
    at = moment(2026, 11, 16, 10, 30)
    with pytest.raises(IntakeOfficeRequired):
        paper(office, clerk, CORPORATION, at, centre=None)
    elsewhere = OrganisationFactory(kind=Organisation.Kind.STATE_CORPORATION)
    with pytest.raises(IntakeOfficeRequired):
        paper(office, clerk, CORPORATION, at, centre=elsewhere)
    with pytest.raises(IntakeOfficeRequired):
        paper(office, clerk, CORPORATION, at, centre=office)  # not a centre
    assert not Application.objects.exists()
    # An office filing keeps no centre even if one is passed.
    assert paper(office, clerk, OFFICE, at, centre=centre).intake_office is None


def test_a_region_without_a_centre_says_so(office, clerk):
    with pytest.raises(NoIntakeOfficeInRegion):
        paper(office, clerk, CORPORATION, moment(2026, 11, 16, 10, 30))
    assert not Application.objects.exists()


# ------------------------------------------------------------------ what the receipt lists


def normalised(text: str) -> str:
    return " ".join(text.split())


def pdf_text(document: IssuedDocument) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return normalised(" ".join(page.extract_text() or "" for page in reader.pages))


def receipt_text(application, language, kind="acceptance_receipt") -> str:
    return pdf_text(issue_document(application=application, kind=kind, language=language))


def count_text(count: int, language: str) -> str:
    with translation.override(language):
        return ngettext("%(counter)s document", "%(counter)s documents", count) % {"counter": count}


def titles(codes, language):
    with translation.override(language):
        return [normalised(str(DEFINITION.item_title(code))) for code in codes]


BROUGHT = ["application", "identity_document", "guardian_appointment_decision"]


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("channel", [OFFICE, CORPORATION])
def test_a_paper_receipt_lists_what_was_handed_over(office, clerk, centre, channel, language):
    application = paper(
        office,
        clerk,
        channel,
        moment(2026, 11, 16, 10, 30),
        centre=centre if channel == CORPORATION else None,
        brought=FULL_SET,
    )
    text = receipt_text(application, language)
    assert count_text(len(FULL_SET), language) in text
    for title in titles(FULL_SET, language):
        assert title in text
    assert count_text(0, language) not in text
    for code in FULL_SET:
        assert code not in text  # names, never codes
    if channel == CORPORATION:
        # Field 4: the result is handed out at the centre, with its hours.
        assert (CENTRE_KK if language == "kk" else CENTRE_RU) in text
        assert (CENTRE_ADDRESS_KK if language == "kk" else CENTRE_ADDRESS_RU) in text
        with translation.override(language):
            hours = gettext("Monday to Friday, %(opens)s–%(closes)s, without a lunch break.") % {
                "opens": "09:00",
                "closes": "20:00",
            }
        assert hours in text
    else:
        address = office.address_kk if language == "kk" else office.address_ru
        assert address in text
        with translation.override(language):
            hours = gettext(
                "Monday to Friday, %(opens)s–%(closes)s, lunch break %(starts)s–%(ends)s."
            ) % {"opens": "09:00", "closes": "18:30", "starts": "13:00", "ends": "14:30"}
        assert hours in text
        assert (CENTRE_KK if language == "kk" else CENTRE_RU) not in text


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_portal_receipt_keeps_listing_the_scans(office, language):
    application = portal(office, moment(2026, 11, 16, 10, 30))
    scans = list(application.attachments.filter(is_current=True))
    text = receipt_text(application, language)
    # The electronic application itself, then every scan.
    assert count_text(len(scans) + 1, language) in text
    assert scans and all(scan.original_name in text for scan in scans)
    with translation.override(language):
        assert gettext("electronic form, filed on the portal") in text
    assert "application" not in {scan.checklist_item for scan in scans}  # never asked for


def test_the_receipt_lists_only_the_codes_it_knows(office, clerk):
    application = paper(office, clerk, OFFICE, moment(2026, 11, 16, 10, 30))
    application.answers = {**application.answers, "brought_documents": [*FULL_SET, "no_such"]}
    application.save()
    text = receipt_text(application, "ru")
    assert "no_such" not in text
    assert count_text(len(FULL_SET), "ru") in text


# ------------------------------------------------------------------ the incomplete set


def test_an_incomplete_set_is_not_saved_without_the_confirmation(office, clerk):
    with pytest.raises(IncompletePaperSet):
        paper(office, clerk, OFFICE, moment(2026, 11, 16, 10, 30), brought=BROUGHT)
    assert not Application.objects.exists()
    assert not ApplicationEvent.objects.exists()


@pytest.mark.parametrize("channel", [OFFICE, CORPORATION])
def test_a_confirmed_incomplete_set_is_filed_and_refused_at_once(
    office, clerk, centre, channel, django_capture_on_commit_callbacks
):
    at = moment(2026, 11, 16, 10, 30)
    with django_capture_on_commit_callbacks(execute=True):
        application = paper(
            office,
            clerk,
            channel,
            at,
            centre=centre if channel == CORPORATION else None,
            brought=BROUGHT,
            refuse=True,
            lang="ru",
        )
    missing = [code for code in FULL_SET if code not in BROUGHT]
    stored = Application.objects.get(pk=application.pk)
    assert stored.state == "refused_to_accept"
    assert stored.number
    assert stored.answers["brought_documents"] == BROUGHT
    assert stored.answers["missing_documents"] == missing
    assert stored.registered_on == stored.completed_on == date(2026, 11, 16)
    assert stored.working_days_to_result == 0
    # Dated when it was accepted, the history reads in the order things happened
    # (the clerk registers the filing some minutes after accepting it).
    assert list(stored.events.order_by("at", "pk").values_list("action", "at")) == [
        ("created", at),
        ("submit", at),
        ("refuse_to_accept", at),
    ]
    # Every step by the clerk who registered it (the history never says "the portal").
    assert set(stored.events.values_list("actor", flat=True)) == {clerk.pk}
    kinds = set(application_documents(stored).values_list("kind", flat=True))
    assert kinds == {"acceptance_receipt", "refusal_receipt"}
    acceptance = pdf_text(application_documents(stored).get(kind="acceptance_receipt"))
    assert count_text(len(BROUGHT), "ru") in acceptance
    for title in titles(BROUGHT, "ru"):
        assert title in acceptance
    refusal = pdf_text(application_documents(stored).get(kind="refusal_receipt"))
    for title in titles(missing, "ru"):
        assert title in refusal
    for code in missing:
        assert code not in refusal
    # Nothing waits in the office's queue.
    from applications import office_selectors

    open_rows = office_selectors.office_queue(
        clerk,
        office_selectors.QueueFilters(status=office_selectors.STATUS_OPEN),
        today=date(2026, 11, 16),
    )
    assert not open_rows.filter(pk=stored.pk).exists()


def test_a_failure_after_filing_leaves_nothing(office, clerk, monkeypatch):
    """One transaction: when the refusal fails, the filing is undone with it."""
    original = actions.application_transition

    def failing(**kwargs):
        original(**kwargs)
        raise RuntimeError("boom")

    monkeypatch.setattr(actions, "application_transition", failing)
    with pytest.raises(RuntimeError):
        paper(office, clerk, OFFICE, moment(2026, 11, 16, 10, 30), brought=BROUGHT, refuse=True)
    assert not Application.objects.exists()


# ------------------------------------------------------------------ the counter form


def counter_data(**overrides):
    data = {
        "submission_key": "counter-1",
        "channel": OFFICE,
        "accepted_at": "2026-11-16T10:30",
        "language": "ru",
        "brought": FULL_SET,
        "applicant_iin": make_iin(date(1984, 7, 9), male=False, serial=555),
        "applicant_name": "Иванова Елена Петровна",
        "applicant_phone": "8 701 555 44 33",
        "applicant_address": "г. Караганда, ул. Ерубаева, 10",
        "children-TOTAL_FORMS": "3",
        "children-INITIAL_FORMS": "0",
        "children-MIN_NUM_FORMS": "1",
        "children-MAX_NUM_FORMS": "5",
        "children-0-last_name": "Иванов",
        "children-0-first_name": "Артём",
        "children-0-birth_date": "2013-04-02",
        "answer_child_born_abroad": "no",
        "identity_document": "№ 045678912, МВД РК, 12.03.2020",
        "guardian_appointment": "Постановление акимата г. Караганды № 14/05 от 02.03.2026",
        "bank_name": "Halyk Bank",
        "bank_account": "KZ86 125K ZT50 0410 0100",
    }
    data.update(overrides)
    return data


URL = "/ru/office/register/guardian_allowance/"


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_counter_registers_a_centre_filing(client, office, clerk, centre):
    client.force_login(clerk)
    page = client.get(URL)
    assert list(page.context["paper"].fields["intake_office"].queryset) == [centre]
    assert CENTRE_RU in page.content.decode()
    kk = client.get(URL.replace("/ru/", "/kk/"))
    assert kk.status_code == 200 and CENTRE_KK in kk.content.decode()
    response = client.post(
        URL,
        counter_data(channel=CORPORATION, intake_office=centre.pk, accepted_at="2026-11-16T19:00"),
        follow=True,
    )
    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == f"/ru/office/{application.pk}/"
    assert application.intake_office == centre
    assert application.registered_on == date(2026, 11, 16)  # the centre was open
    assert application.due_on == date(2026, 11, 30)
    assert application.answers["brought_documents"] == FULL_SET


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_counter_form_sums_up_its_errors_and_ties_each_to_its_field(
    client, office, clerk, language
):
    """Issue #12: the counter form has the error summary of the question pages (focused
    by script, each message a link to its field), the radio group's error tied to its
    fieldset, the page title says "Error:", and what the clerk typed stays."""
    client.force_login(clerk)
    data = counter_data(applicant_name="")
    del data["answer_child_born_abroad"]
    response = client.post(URL.replace("/ru/", f"/{language}/"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Application.objects.exists()
    summary = re.search(r"<div[^>]*data-error-summary.*?</div>", html, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets == ["id_applicant_name", "id_answer_child_born_abroad_0"]
    with translation.override(language):
        assert f"<title>{gettext('Error:')} " in html
    fieldset = re.search(
        r'<fieldset[^>]*aria-describedby="([^"]*)"[^>]*>\s*<legend[^>]*>[^<]*</legend>', html
    )
    assert "id_answer_child_born_abroad-error" in fieldset.group(1)
    assert 'id="id_answer_child_born_abroad-error"' in html
    assert 'aria-describedby="id_applicant_name-error"' in html
    assert "Halyk Bank" in html  # kept as typed


def test_an_incomplete_set_at_the_counter_is_in_the_summary(client, office, clerk):
    client.force_login(clerk)
    response = client.post(URL, counter_data(brought=BROUGHT))
    html = response.content.decode()
    summary = re.search(r"<div[^>]*data-error-summary.*?</div>", html, re.S).group(0)
    assert re.findall(r'href="#([^"]+)"', summary) == ["incomplete-set"]
    assert 'id="incomplete-set" tabindex="-1"' in html
    assert not Application.objects.exists()


def test_the_counter_asks_for_the_centre(client, office, clerk, centre):
    client.force_login(clerk)
    response = client.post(URL, counter_data(channel=CORPORATION))
    assert response.status_code == 200
    with translation.override("ru"):
        expected = str(IntakeOfficeRequired().message)
    assert expected in response.context["paper"].errors["intake_office"]
    assert not Application.objects.exists()


def test_the_counter_says_when_the_region_has_no_centre(client, office, clerk):
    client.force_login(clerk)
    response = client.post(URL, counter_data(channel=CORPORATION))
    assert response.status_code == 200
    with translation.override("ru"):
        expected = str(NoIntakeOfficeInRegion().message)
    assert expected in response.context["paper"].errors["intake_office"]
    assert not Application.objects.exists()


def test_a_centre_of_another_region_is_not_offered(client, office, clerk, centre):
    elsewhere = OrganisationFactory(kind=Organisation.Kind.STATE_CORPORATION)
    client.force_login(clerk)
    response = client.post(URL, counter_data(channel=CORPORATION, intake_office=elsewhere.pk))
    assert response.status_code == 200
    assert response.context["paper"].errors["intake_office"]
    assert not Application.objects.exists()


def test_the_counter_shows_the_missing_documents_and_saves_nothing(client, office, clerk):
    client.force_login(clerk)
    response = client.post(URL, counter_data(brought=BROUGHT))
    assert response.status_code == 200
    missing = [code for code in FULL_SET if code not in BROUGHT]
    assert response.context["incomplete_key"] == ",".join(missing)
    html = response.content.decode()
    for title in titles(missing, "ru"):
        assert title in normalised(html)
    assert 'name="confirm_refusal"' in html
    assert not Application.objects.exists()
    # A confirmation for another list (the ticks changed meanwhile) asks again.
    response = client.post(
        URL,
        counter_data(
            brought=BROUGHT[:2], confirm_refusal="on", confirmed_missing=",".join(missing)
        ),
    )
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_the_counter_registers_and_refuses_on_confirmation(
    client, office, clerk, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    missing = [code for code in FULL_SET if code not in BROUGHT]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            counter_data(
                brought=BROUGHT, confirm_refusal="on", confirmed_missing=",".join(missing)
            ),
            follow=True,
        )
    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == f"/ru/office/{application.pk}/"
    assert application.state == "refused_to_accept"
    assert application.answers["missing_documents"] == missing
    with translation.override("ru"):
        expected = gettext(
            "The application is registered under number %(number)s and refused to accept: the set of documents is incomplete. Give the applicant the acceptance receipt and the refusal receipt."
        ) % {"number": application.number}
    assert expected in messages_of(response)
    assert set(application_documents(application).values_list("kind", flat=True)) == {
        "acceptance_receipt",
        "refusal_receipt",
    }
    # The same form sent again files nothing more.
    client.post(
        URL,
        counter_data(brought=BROUGHT, confirm_refusal="on", confirmed_missing=",".join(missing)),
    )
    assert Application.objects.count() == 1


# ------------------------------------------------------------------ centres are no providers


def test_centres_are_not_providers(client, office, clerk, centre):
    """A centre provides no service: it is not in the catalogue's office choice, not in a
    supervisor's scope (dashboard, reports, filters), and has no queue of its own."""
    regional = OrganisationFactory(kind=Organisation.Kind.REGIONAL_DEPARTMENT, region=office.region)
    supervisor = SupervisorFactory(organisation=regional)
    assert centre not in organisations_in_scope(supervisor)
    assert office in organisations_in_scope(supervisor)
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert centre not in organisations_in_scope(admin)
    from applications.forms import ApplicationForm

    form = ApplicationForm(definition=DEFINITION)
    assert centre not in form.fields["organisation"].queryset
    page = client.get(f"/ru/services/{SERVICE}/")
    assert page.status_code == 200
    assert CENTRE_RU not in page.content.decode()
    assert office.name_ru in page.content.decode()
    client.force_login(supervisor)
    dashboard = client.get("/ru/supervision/")
    assert dashboard.status_code == 200
    assert CENTRE_RU not in dashboard.content.decode()


def test_the_counter_says_when_the_registries_did_not_answer(client, office, clerk):
    # 900102399913: the local fake's citizen for whom the gateway is down.
    client.force_login(clerk)
    response = client.post(URL, counter_data(applicant_iin="900102399913"), follow=True)
    application = Application.objects.get()
    assert set(application.registry_lookups.values_list("status", flat=True)) == {"failed"}
    from applications.office_views import REGISTRY_UNAVAILABLE_AT_COUNTER

    with translation.override("ru"):
        start = str(REGISTRY_UNAVAILABLE_AT_COUNTER).split("%(registries)s")[0]
    (told,) = [m for m in messages_of(response) if m.startswith(start)]
    # Each registry asked that did not answer is named.
    for kind in set(application.registry_lookups.values_list("kind", flat=True)):
        with translation.override("ru"):
            assert str(RegistryLookup.Kind(kind).label) in told


@pytest.mark.parametrize(
    ("language", "clerk_words"),
    [
        ("kk", ["Өтініш берушінің тұратын мекенжайы", "Өтініш берушіні қамқоршы"]),
        ("ru", ["Адрес проживания заявителя", "Решение о назначении заявителя"]),
    ],
)
def test_the_counter_form_speaks_of_the_applicant_not_to_them(
    client, office, clerk, language, clerk_words
):
    client.force_login(clerk)
    html = client.get(f"/{language}/office/register/{SERVICE}/").content.decode()
    for words in clerk_words:
        assert words in html
    # The applicant's own wording ("your address", "appointing you") is not the clerk's.
    assert "Тұратын мекенжайыңыз" not in html and "Сізді қамқоршы" not in html
