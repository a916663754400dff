"""Reads for the clerk workspace: the office queue and the colleagues to assign to.

The queue is one filtered, sorted SQL query on the stored deadlines (plus the
paginator's count): whatever the number of applications, the page costs the same
number of queries. Labels (service title, state) come from the in-memory registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from django.contrib.auth.models import Permission
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.functional import cached_property

from applications.models import Application, Child
from applications.table_rows import ROW_FIELDS
from applications.workflow import COMPLETED, DRAFT, REFUSED, REFUSED_TO_ACCEPT, WITHDRAWN
from guardianship_portal.accounts.models import User

FINAL_STATES = (COMPLETED, REFUSED_TO_ACCEPT, REFUSED, WITHDRAWN)

STATUS_OPEN = "open"
STATUS_CLOSED = "closed"
STATUS_ALL = "all"

DUE_TODAY = "today"
DUE_OVERDUE = "overdue"
DUE_WEEK = "week"

ASSIGNED_ME = "me"
ASSIGNED_NOBODY = "unassigned"


@dataclass(frozen=True)
class QueueFilters:
    """What the clerk asked the queue for; empty values mean "any"."""

    status: str = STATUS_OPEN
    service: str = ""
    state: str = ""
    due: str = ""
    assigned: str = ""
    q: str = ""


def week_bounds(today: date) -> tuple[date, date]:
    """Monday and Sunday of the calendar week of ``today``."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def office_queue(user, filters: QueueFilters, *, today: date) -> QuerySet[Application]:
    """The applications this user's office works on, filed (no drafts), by stage
    deadline: the most urgent first, those without a running stage last."""
    queryset = queue_rows(Application.objects.visible_to(user).exclude(state=DRAFT))
    if filters.state:
        # A state asked for by name wins over the open/closed switch.
        queryset = queryset.filter(state=filters.state)
    elif filters.status == STATUS_OPEN:
        queryset = queryset.filter(is_open=True)
    elif filters.status == STATUS_CLOSED:
        queryset = queryset.filter(is_open=False)
    if filters.service:
        queryset = queryset.filter(service=filters.service)
    if filters.due == DUE_TODAY:
        queryset = queryset.filter(stage_due_on=today)
    elif filters.due == DUE_OVERDUE:
        queryset = queryset.filter(stage_due_on__lt=today)
    elif filters.due == DUE_WEEK:
        monday, sunday = week_bounds(today)
        queryset = queryset.filter(stage_due_on__range=(monday, sunday))
    if filters.assigned == ASSIGNED_ME:
        queryset = queryset.filter(assigned_clerk=user)
    elif filters.assigned == ASSIGNED_NOBODY:
        queryset = queryset.filter(assigned_clerk__isnull=True)
    if filters.q:
        queryset = queryset.filter(search_condition(filters.q, within=queryset))
    return queryset.order_by(*QUEUE_ORDER)


# The order of the index app_office_queue_idx (open first: the drafts are excluded, so
# "not open" is final), so PostgreSQL reads a page as the next entries of it.
QUEUE_ORDER = (
    F("is_open").desc(),
    F("stage_due_on").asc(nulls_last=True),
    F("due_on").asc(nulls_last=True),
    "registered_on",
    "pk",
)


def queue_rows(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """What a row of the queue reads: its columns and the two joined names."""
    return queryset.select_related("organisation", "assigned_clerk").only(*ROW_FIELDS)


# An application number as applications/models/numbering.py makes it.
WHOLE_NUMBER = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*-\d{4}-\d{6}$")
# A whole IIN: twelve digits, which no part of a number or a name can be (a number's
# digits come in fours and sixes between hyphens).
WHOLE_IIN = re.compile(r"^\d{12}$")


def search_condition(text: str, *, within: QuerySet[Application] | None = None) -> Q:
    """Number (a whole one exactly, else part of it), applicant's IIN (whole or its beginning), applicant's name
    (part of it), or a child's last name / IIN (an application with two matching
    children still appears once), among the applications of ``within`` (the queue's
    other filters; every application if not given).

    Written as ``pk IN (matching applications of within UNION applications of within
    with a matching child)`` rather than one OR over the row and an EXISTS: each side
    is answered by its own indexes (on PostgreSQL the trigram indexes of migration
    0007_perf_open_queue for the parts of names and numbers, the pattern indexes for
    the IIN beginnings), combined with the office's index before any row is read, so
    a common name costs its matches in the office, not every row of the office and
    every child in the country."""
    text = text.strip()
    if WHOLE_NUMBER.match(text.upper()):
        # A whole application number (as printed: office code, year, six digits) finds
        # that application: one lookup in the number's unique index.
        return Q(number=text.upper())
    scope = (Application.objects.all() if within is None else within).order_by()
    if WHOLE_IIN.match(text):
        # A whole IIN is the applicant's or a child's, looked up by equality in their
        # IIN indexes: the trigram index of the numbers holds every digit triple of the
        # country and, asked for twelve digits, read hundreds of its pages (issue #11).
        own = Q(applicant_iin=text)
        child = Q(iin=text)
    else:
        own = (
            Q(number__icontains=text)
            | Q(applicant_iin__startswith=text)
            | Q(applicant_name__icontains=text)
        )
        child = Q(last_name__icontains=text) | Q(iin__startswith=text)
    applications = scope.filter(own).values("pk")
    children = (
        Child.objects.filter(child)
        .filter(application__in=scope.values("pk"))
        .order_by()
        .values("application_id")
    )
    return Q(pk__in=applications.union(children))


class QueuePaginator(Paginator):
    """A page of the queue in two steps in ONE query: the page's primary keys first,
    read in the queue's order from the index alone (app_office_queue_idx holds every
    column the order and the office filter need, so skipping 20,000 entries for a deep
    page reads no row), then only those 25 rows, sorted again.

    The outer query reads the 25 keys by primary key and nothing else: they already
    passed the office, the filters and the search inside, and repeating those outside
    made PostgreSQL run a search by name a second time over the trigram index (#11).

    A search (``searched``) matches a few applications: their keys are read once, in
    the queue's order, and give both the count and the page, so the search runs once
    instead of twice (count, then page). Past ``SEARCH_KEYS_AT_MOST`` matches (a
    search for two letters) it counts and pages as the unsearched queue does."""

    SEARCH_KEYS_AT_MOST = 1000

    def __init__(self, object_list, per_page, *, searched: bool = False, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.keys: list[int] | None = None
        if searched:
            keys = list(object_list.values_list("pk", flat=True)[: self.SEARCH_KEYS_AT_MOST + 1])
            if len(keys) <= self.SEARCH_KEYS_AT_MOST:
                self.keys = keys

    @cached_property
    def count(self) -> int:
        return len(self.keys) if self.keys is not None else super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        queryset = cast(QuerySet, self.object_list)  # the queue is always a QuerySet
        keys = self.keys[bottom:top] if self.keys is not None else queryset.values("pk")[bottom:top]
        rows = queue_rows(Application.objects.filter(pk__in=keys)).order_by(*QUEUE_ORDER)
        return self._get_page(  # type: ignore[attr-defined]  # Django's documented hook
            rows, number, self
        )


def colleagues(user) -> QuerySet[User]:
    """Active staff of the user's organisation who may work the queue (and so may be
    assigned an application), the user included."""
    if not user.organisation_id:
        return User.objects.none()
    work_queue = Permission.objects.filter(
        content_type__app_label="accounts", codename="work_queue"
    )
    # Asked per person of the office (EXISTS on their own memberships), not as a set of
    # every user holding the permission: that set was built from all accounts,
    # applicants included, on every application page (3 ms at 20,000 accounts).
    through_groups = User.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__permissions__in=work_queue
    )
    through_own = User.user_permissions.through.objects.filter(
        user_id=OuterRef("pk"), permission__in=work_queue
    )
    return (
        User.objects.filter(organisation_id=user.organisation_id, is_active=True)
        .filter(Exists(through_groups) | Exists(through_own) | Q(is_superuser=True))
        .order_by("last_name", "first_name", "pk")
    )


def paper_filing_under_key(organisation, submission_key: str) -> Application | None:
    """The office's filing already registered from the same counter form (a double
    click sends it twice: the first filing stands)."""
    return (
        Application.objects.filter(organisation=organisation, submission_key=submission_key)
        .exclude(state=DRAFT)
        .first()
    )


def provided_services(user: User) -> list:
    """The services the user's office provides that have a workflow (the counter
    registers only those)."""
    from applications.registry import all_services

    organisation = user.organisation
    if organisation is None:
        return []
    codes = set(organisation.provided_services.values_list("service", flat=True))
    return [d for d in all_services() if d.code in codes and d.workflow_model]
