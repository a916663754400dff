"""The audit, searchable: who viewed, changed or was refused which application or child,
when and from where, for the organisations in the user's scope (an administrator: all,
refused attempts on numbers that match no application included).

One list over the two tables, merged in SQL (a UNION ordered by time), so that a page
of it is one query whatever the size of the log; the people and applications of the
page are read after (two more queries).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import BytesIO
from types import SimpleNamespace
from typing import Any

from django import forms
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from applications.actions import workflow_model
from applications.models import AccessLog, Application, ApplicationEvent
from applications.office_views import event_label
from applications.registry import get_service
from guardianship_portal.accounts.models import User
from guardianship_portal.core.spreadsheets import append_row

from .scope import Scope

KIND_VIEWED = "viewed"
KIND_CHANGED = "changed"
KIND_DENIED = "denied"
KIND_LABELS = {
    KIND_VIEWED: gettext_lazy("Viewed"),
    KIND_CHANGED: gettext_lazy("Changed"),
    KIND_DENIED: gettext_lazy("Denied"),
}
# What an access-log line says was opened (stored in English), in the reader's words.
# What a view's access-log line names (selectors.log_access(what=...)), in words.
OPENED_LABELS = {
    "application page": gettext_lazy("Application page"),
    "check answers": gettext_lazy("Check of the answers before filing"),
    "signing step": gettext_lazy("Signing the application"),
    "filing confirmation": gettext_lazy("Confirmation of the filing"),
    "withdraw page": gettext_lazy("Withdrawal of the application"),
    "delete page": gettext_lazy("Deletion of the draft"),
    "answers": gettext_lazy("Change of the answers"),
    "scan": gettext_lazy("Scan"),
    "document": gettext_lazy("Document"),
    "entitlement": gettext_lazy("Payment entitlement"),
}
LANGUAGE_WORDS = {"kk": gettext_lazy("in Kazakh"), "ru": gettext_lazy("in Russian")}
EXPORT_LIMIT = 50_000


class AuditFilterForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Application number"), required=False)
    person = forms.CharField(
        label=gettext_lazy("Child or applicant (name or IIN)"), required=False, max_length=100
    )
    actor = forms.CharField(
        label=gettext_lazy("Who acted (name or IIN)"), required=False, max_length=100
    )
    date_from = forms.DateField(
        label=gettext_lazy("Date from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=gettext_lazy("Date to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("audit", "Action"),
        required=False,
        choices=[("", gettext_lazy("Everything")), *KIND_LABELS.items()],
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The valid filters (a wrong one is shown with its message and ignored)."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})  # none for a form not sent


def _words(text: str) -> list[str]:
    return [word for word in text.split() if word]


def _person_condition(text: str, prefix: str = "") -> Q:
    """A child or the applicant of an application by IIN (exact) or by every word of
    the name."""
    text = text.strip()
    if text.isdigit():
        return Q(**{f"{prefix}applicant_iin": text}) | Q(**{f"{prefix}children__iin": text})
    condition = Q()
    for word in _words(text):
        condition &= (
            Q(**{f"{prefix}applicant_name__icontains": word})
            | Q(**{f"{prefix}children__last_name__icontains": word})
            | Q(**{f"{prefix}children__first_name__icontains": word})
            | Q(**{f"{prefix}children__middle_name__icontains": word})
        )
    return condition


def _user_condition(text: str) -> Q:
    text = text.strip()
    if text.isdigit():
        return Q(iin=text)
    condition = Q()
    for word in _words(text):
        condition &= (
            Q(last_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(middle_name__icontains=word)
        )
    return condition


def _applications(scope: Scope, filters: dict[str, Any]) -> QuerySet[Any, Any] | None:
    """The applications the search may show (None: no narrowing, an administrator)."""
    number = (filters.get("number") or "").strip()
    person = (filters.get("person") or "").strip()
    if scope.everything and not number and not person:
        return None
    applications = Application.objects.filter(scope.application_condition())
    if number:
        applications = applications.filter(number__icontains=number)
    if person:
        applications = applications.filter(_person_condition(person))
    return applications.values("pk")


def audit_rows(scope: Scope, filters: dict[str, Any]) -> QuerySet:
    """Every line the filters match, newest first, as tuples
    (at, kind, user id, application id, what, address, id)."""
    kind = filters.get("kind") or ""
    applications = _applications(scope, filters)
    access = AccessLog.objects.all()
    events = ApplicationEvent.objects.all()
    if applications is not None:
        access = access.filter(application__in=applications)
        events = events.filter(application__in=applications)
    if actor := (filters.get("actor") or "").strip():
        people = User.objects.filter(_user_condition(actor)).values("pk")
        access = access.filter(user__in=people)
        events = events.filter(actor__in=people)
    if day := filters.get("date_from"):
        access = access.filter(at__gte=_start_of(day))
        events = events.filter(at__gte=_start_of(day))
    if day := filters.get("date_to"):
        access = access.filter(at__lt=_start_of(day + timedelta(days=1)))
        events = events.filter(at__lt=_start_of(day + timedelta(days=1)))
    if kind == KIND_VIEWED:
        access = access.filter(outcome=AccessLog.Outcome.VIEWED)
    elif kind == KIND_DENIED:
        access = access.filter(outcome=AccessLog.Outcome.DENIED)
    columns = ["at", "kind", "who", "application_id", "what", "address_text", "pk"]
    access_rows = (
        access.order_by()
        .annotate(
            kind=Cast("outcome", CharField()),
            who=Cast("user_id", CharField()),
            address_text=Cast("address", CharField()),
        )
        .values_list(*columns)
    )
    event_rows = (
        events.order_by()
        .annotate(
            kind=Value(KIND_CHANGED, output_field=CharField()),
            who=Cast("actor_id", CharField()),
            address_text=Cast("address", CharField()),
        )
        .values_list("at", "kind", "who", "application_id", "action", "address_text", "pk")
    )
    if kind == KIND_CHANGED:
        return event_rows.order_by("-at", "-pk")
    if kind in (KIND_VIEWED, KIND_DENIED):
        return access_rows.order_by("-at", "-pk")
    return access_rows.union(event_rows, all=True).order_by("-at", "-pk")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class AuditLine:
    at: datetime
    kind: str
    kind_label: Any
    who: User | None
    application: Application | None
    what: Any
    address: str


def audit_lines(rows) -> list[AuditLine]:
    """A page of ``audit_rows`` with its people and applications (two queries)."""
    rows = list(rows)
    people = User.objects.in_bulk({int(r[2]) for r in rows if r[2]})
    applications = Application.objects.in_bulk({r[3] for r in rows if r[3]})
    lines = []
    for at, kind, who, application_id, what, address, _pk in rows:
        application = applications.get(application_id) if application_id else None
        lines.append(
            AuditLine(
                at=at,
                kind=kind,
                kind_label=KIND_LABELS.get(kind, kind),
                who=people.get(int(who)) if who else None,
                application=application,
                what=_what(kind, what, application),
                # PostgreSQL's inet reads as text with its mask ("10.0.0.9/32").
                address=(address or "").split("/")[0],
            )
        )
    return lines


def _what(kind: str, what: str, application: Application | None) -> Any:
    if kind == KIND_CHANGED:
        if application is None:
            return what
        event = SimpleNamespace(action=what, from_state="")
        return event_label(workflow_model(application.service), event)
    if kind == KIND_DENIED:
        return what  # the address asked for
    if what in OPENED_LABELS:
        return OPENED_LABELS[what]
    head, _space, rest = what.partition(" ")
    if head not in OPENED_LABELS:
        return what
    label = OPENED_LABELS[head]
    # The codes after the word (a checklist item, a document kind and its language, a
    # wizard step) are named in words, never shown as they are stored.
    if application is None or head == "answers":
        return label if head == "answers" else f"{label}: {rest}"
    definition = get_service(application.service)
    if head == "scan":
        return f"{label}: {definition.item_titles(application.edition).get(rest, label)}"
    if head == "document":
        kind, _space, language = rest.partition(" ")
        try:
            title: Any = definition.result_document(kind).title
        except KeyError:
            title = label
        words = LANGUAGE_WORDS.get(language)
        return f"{label}: {title}" + (f", {words}" if words else "")
    return f"{label}: {rest}"


def export_xlsx(lines: list[AuditLine]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Audit")[:31]
    append_row(
        sheet,
        [
            _("When"),
            pgettext("audit", "Action"),
            _("Who"),
            _("IIN"),
            _("Application number"),
            _("What"),
            _("From address"),
        ],
    )
    for line in lines:
        append_row(
            sheet,
            [
                date_format(timezone.localtime(line.at), "SHORT_DATETIME_FORMAT"),
                str(line.kind_label),
                line.who.full_name if line.who else "",
                line.who.iin if line.who else "",
                (line.application.number or "") if line.application else "",
                str(line.what),
                line.address,
            ],
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
