"""Reads the complaint views need, each a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import Complaint


def complaint_for(user, pk: int) -> Complaint:
    """The complaint if this user may see it (its applicant, or a supervisor whose
    scope includes its organisation); 404 otherwise."""
    complaint = (
        Complaint.objects.visible_to(user)
        .select_related("application", "organisation", "applicant", "reviewer", "quality_body")
        .filter(pk=pk)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def complaint_for_office(user, pk: int) -> Complaint:
    complaint = (
        Complaint.objects.office_side(user)
        .select_related("application", "organisation", "applicant", "reviewer", "quality_body")
        .filter(pk=pk)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def my_complaints(user) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(applicant=user)
        .select_related("application", "organisation")
        .order_by("-filed_at", "-pk")
    )


def office_complaints(user, *, status: str = "open") -> QuerySet[Complaint]:
    """The complaints of the staff member's side by due date: open means not answered
    yet (at the provider or at the quality-control body)."""
    complaints = Complaint.objects.office_side(user).select_related(
        "application", "organisation", "applicant"
    )
    if status == "open":
        complaints = complaints.filter(state__in=Complaint.OPEN_STATES)
    elif status == "closed":
        complaints = complaints.exclude(state__in=Complaint.OPEN_STATES)
    return complaints.order_by("due_on", "filed_at", "pk")


def timeline(complaint: Complaint):
    return list(complaint.events.select_related("actor").order_by("at", "pk"))


def scope_summary(user, *, today) -> dict[str, int]:
    """Open (not answered yet) and overdue complaints in the user's scope, for the
    dashboard: one query."""
    from django.db.models import Count, Q

    return Complaint.objects.office_side(user).aggregate(
        open=Count("pk", filter=Q(state__in=Complaint.OPEN_STATES)),
        overdue=Count("pk", filter=Q(state__in=Complaint.OPEN_STATES, due_on__lt=today)),
    )
