"""Business operations on applications. Views call these; nothing else changes state.

Every state change goes through the shared engine (guardianship_portal/workflow/engine.py,
the same path complaints take): inside one transaction the row is locked, the caller's
view of the state is checked against the row (two clerks on one application: the second
gets StaleApplication, nothing half-done), the user's right to the transition is
checked, the django-fsm transition runs, stage deadlines are stored, an audit event is
written, and side effects (documents, notifications) are enqueued as jobs in the same
transaction (applications/jobs.py).
What is the applications' own is declared once, in ``APPLICATION_WORKFLOW``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from applications import deadlines
from applications.errors import (
    ActionNotPermitted,
    IncompleteApplication,
    IncompletePaperSet,
    IntakeOfficeRequired,
    NoIntakeOfficeInRegion,
    StaleApplication,
    TransitionRefused,
)
from applications.models import Application, ApplicationEvent, Attachment, Child
from applications.models.numbering import next_application_number
from applications.registry import Channel, get_service
from applications.signing import paper_signature_record
from applications.state_registry import (
    CHILD_BIRTH_NOT_IN_REGISTRY,
    DECLARED,
    MARRIAGE_RECORD_NOT_IN_REGISTRY,
    PAPER_CHANNELS,
    RegistryCheck,
    ask_registries,
    confirm_from_registries,
)
from guardianship_portal.accounts.models import User
from guardianship_portal.core.files import kept_only_if_committed, removed_on_error
from guardianship_portal.core.request_context import current_address
from guardianship_portal.jobs.api import enqueue
from guardianship_portal.organisations.models import Organisation
from guardianship_portal.workflow.engine import AuditTrail, Workflow, run_transition

SUBMIT = "submit"
# Every event of an application is written through this (the engine's one audit path).
APPLICATION_AUDIT = AuditTrail(
    ApplicationEvent,
    subject="application",
    address_field="address",
    current_address=current_address,
)


def workflow_model(service: str) -> type[Application]:
    return apps.get_model(get_service(service).workflow_model)


def as_workflow(application: Application) -> Application:
    """The same row as its service's proxy model (which declares the transitions)."""
    model = workflow_model(application.service)
    if isinstance(application, model):
        return application
    application.__class__ = model
    return application


def application_create_draft(
    *,
    service: str,
    organisation: Organisation,
    applicant: User | None,
    applicant_data: dict[str, str],
    children: list[dict[str, Any]],
    answers: dict[str, Any],
    language: str,
    channel: str = Channel.PORTAL,
    submission_key: str = "",
    intake_office: Organisation | None = None,
    registry_check: RegistryCheck | None = None,
    at: datetime | None = None,
    created_by: User | None = None,
) -> Application:
    """A draft the applicant can come back to. A repeated submission_key (double-click,
    a resent form) returns the draft already made instead of a second one.
    ``intake_office``: the State Corporation centre that accepted a filing of that
    channel (see ``application_register_paper``); ``registry_check``: the registries'
    answers about these people, when the caller asked before (the counter does);
    ``at``: when it was made (now, unless a paper filing accepted earlier is registered
    or history is recorded), so that the history reads in the order things happened;
    ``created_by``: who made it, when not the applicant (the clerk at the counter)."""
    if applicant is not None and submission_key:
        existing = Application.objects.filter(
            applicant=applicant, submission_key=submission_key
        ).first()
        if existing is not None:
            return existing
    definition = get_service(service)
    edition = definition.edition_on(timezone.localdate())
    try:
        with transaction.atomic():
            application = workflow_model(service).objects.create(
                service=service,
                edition=edition.code,
                organisation=organisation,
                applicant=applicant,
                channel=channel,
                language=language,
                answers=answers,
                submission_key=submission_key,
                intake_office=intake_office,
                **applicant_data,
            )
            Child.objects.bulk_create(Child(application=application, **child) for child in children)
    except IntegrityError:
        # The same submission raced past the check above: the other request created it.
        return Application.objects.get(applicant=applicant, submission_key=submission_key)
    APPLICATION_AUDIT.record(
        subject=application,
        # The clerk who registers a paper filing made the row, not the applicant.
        actor=created_by or applicant,
        action="created",
        to_state=application.state,
        at=at or timezone.now(),
    )
    # The state registries settle what they know (names, birth and marriage records):
    # the checklist the applicant or the clerk sees next already follows them.
    confirm_from_registries(application, registry_check)
    return application


def applicable_edition(application: Application) -> str:
    """The edition whose checklist the applicant is shown: a filed application keeps the
    one of its acceptance day; a draft gets the one in force today, which its filing
    would take (application_submit fixes it then)."""
    if application.state != "draft":
        return application.edition
    return get_service(application.service).edition_on(timezone.localdate()).code


def missing_documents(application: Application) -> list:
    """Checklist items required for this application that have no current attachment."""
    definition = get_service(application.service)
    required = definition.checklist_for(
        application.answers, application.channel, application.edition
    )
    attached = set(
        application.attachments.filter(is_current=True).values_list("checklist_item", flat=True)
    )
    return [item for item in required if item.code not in attached]


def application_submit(
    *, application: Application, actor: User, accepted_at: datetime | None = None
) -> Application:
    """File the application: number it, register it (office hours, holidays), start the
    first stage. On the portal every required scan must be attached first; a paper
    filing is registered as brought and checked by the clerk in the completeness stage."""
    accepted_at = accepted_at or timezone.now()

    def register(locked: Application) -> None:
        # The edition in force on the day of acceptance applies (checklist and terms).
        day = timezone.localtime(accepted_at).date()
        locked.edition = get_service(locked.service).edition_on(day).code
        if locked.channel == Channel.PORTAL and missing_documents(locked):
            raise IncompleteApplication()
        check = get_service(locked.service).submission_check
        if check:
            import_string(check)(locked)
        locked.number = next_application_number(
            organisation=locked.organisation, year=timezone.localtime(accepted_at).year
        )
        locked.filed_at = accepted_at
        deadlines.register(locked, accepted_at=accepted_at)

    return run_transition(
        APPLICATION_WORKFLOW,
        record=application,
        action=SUBMIT,
        actor=actor,
        expected_state="draft",
        before=register,
        moment=accepted_at,
    )


def intake_offices(organisation: Organisation):
    """The State Corporation service centres that accept filings for ``organisation``:
    the active centres of its region."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.STATE_CORPORATION,
        region_id=organisation.region_id,
        is_active=True,
    ).order_by("name_kk", "pk")


def paper_registry_check(
    *, applicant_data: dict[str, str], children: list[dict[str, Any]]
) -> RegistryCheck:
    """The registries asked about a paper filing's people before it is registered: what
    they hold (a birth or marriage record) the applicant need not bring."""
    return ask_registries(
        applicant_data["applicant_iin"],
        [(child.get("iin") or "", child["birth_date"]) for child in children],
    )


def paper_missing_documents(
    *,
    service: str,
    answers: dict[str, Any],
    channel: str,
    accepted_at: datetime,
    registry_check: RegistryCheck,
) -> list[str]:
    """Codes of the checklist items required for this paper filing (by its answers as
    the registries settle them, its channel and the edition in force on the day of
    acceptance) that are not among ``answers["brought_documents"]``, in checklist
    order."""
    definition = get_service(service)
    edition = definition.edition_on(timezone.localtime(accepted_at).date())
    brought = set(answers.get("brought_documents") or ())
    answers = registry_check.settled(answers, keep_answer_on_failure=True)
    return [
        item.code
        for item in definition.checklist_for(answers, channel, edition)
        if item.code not in brought
    ]


def application_register_paper(
    *,
    service: str,
    organisation: Organisation,
    clerk: User,
    applicant: User | None,
    applicant_data: dict[str, str],
    children: list[dict[str, Any]],
    answers: dict[str, Any],
    language: str,
    channel: str,
    accepted_at: datetime,
    brought: list[str],
    intake_office: Organisation | None = None,
    submission_key: str = "",
    refuse_incomplete: bool = False,
    registry_check: RegistryCheck | None = None,
) -> Application:
    """A paper application accepted at the provider's counter or at a State Corporation
    centre: created and filed in one transaction, with what was handed over stored as
    checklist codes (``answers["brought_documents"]``; the receipt prints their names).

    An incomplete set (a required item of the checklist not brought) is refused to
    accept at once (seed 002, item 10): only when the clerk confirmed it
    (``refuse_incomplete``) is the application filed and refused in the same
    transaction, so both receipts exist and nothing waits in the queue; otherwise
    IncompletePaperSet and nothing is saved. What the state registries hold (a birth or
    a marriage record) is not required (``registry_check``, asked now unless the caller
    did). A State Corporation filing names the centre of the provider's region that
    accepted it."""
    definition = get_service(service)
    if channel not in PAPER_CHANNELS or channel not in definition.channels:
        raise TransitionRefused()
    if channel == Channel.STATE_CORPORATION:
        centres = intake_offices(organisation)
        if intake_office is None:
            raise IntakeOfficeRequired() if centres.exists() else NoIntakeOfficeInRegion()
        if not centres.filter(pk=intake_office.pk).exists():
            raise IntakeOfficeRequired()
    else:
        intake_office = None
    # Codes only, in checklist order, each once: words come when a page or a document
    # is rendered, in its language.
    wanted = set(brought)
    codes = [item.code for item in definition.all_checklist_items() if item.code in wanted]
    answers = {**answers, "brought_documents": codes}
    if registry_check is None:
        registry_check = paper_registry_check(applicant_data=applicant_data, children=children)
    missing = paper_missing_documents(
        service=service,
        answers=answers,
        channel=channel,
        accepted_at=accepted_at,
        registry_check=registry_check,
    )
    if missing and not refuse_incomplete:
        raise IncompletePaperSet()
    with transaction.atomic():
        application = application_create_draft(
            service=service,
            organisation=organisation,
            applicant=applicant,
            applicant_data=applicant_data,
            children=children,
            answers=answers,
            language=language,
            channel=channel,
            submission_key=submission_key,
            intake_office=intake_office,
            registry_check=registry_check,
            at=accepted_at,
            created_by=clerk,
        )
        if application.state != "draft":
            # The applicant's own earlier draft under this key was filed meanwhile.
            raise StaleApplication()
        # Signed on paper, at the counter, before the clerk who registers it (issue #14).
        paper_signature_record(application=application, clerk=clerk)
        application = application_submit(
            application=application, actor=clerk, accepted_at=accepted_at
        )
        if missing:
            application = application_transition(
                application=application,
                action="refuse_to_accept",
                actor=clerk,
                expected_state=application.state,
                data={"missing": missing},
                at=accepted_at,
            )
    return application


def application_transition(
    *,
    application: Application,
    action: str,
    actor: User,
    expected_state: str | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> Application:
    """Run one workflow action (``action`` is the name of a transition method of the
    service's proxy model). ``expected_state`` is the state the user saw; ``at`` is
    when it happened (now, unless history is being recorded, e.g. demo data)."""
    if action == SUBMIT:
        raise TransitionRefused()
    return run_transition(
        APPLICATION_WORKFLOW,
        record=application,
        action=action,
        actor=actor,
        expected_state=expected_state,
        reason=reason,
        data=data or {},
        moment=at,
    )


def available_actions(application: Application, user: User) -> list[str]:
    """Names of the transitions this user may run now (for the buttons on the page)."""
    workflow = as_workflow(application)
    # django-fsm-2 adds the method to the model when the class is prepared, and has no
    # type information.
    transitions = workflow.get_available_user_state_transitions(user)  # type: ignore[attr-defined]
    return [t.name for t in transitions if t.name != SUBMIT]


def _enqueue_side_effects(application_pk: int, event_pk: int, documents: list[str]) -> None:
    """Inside the transition's transaction: the jobs that issue its documents and tell
    the applicant (applications/jobs.py), committed with the change or not at all. A
    failing job is retried, then shown to the administrator; the state change stands."""
    from applications import jobs
    from applications.result_documents import documents_deferred

    if documents and not documents_deferred():
        enqueue(
            jobs.issue_documents, application_pk=application_pk, event_pk=event_pk, kinds=documents
        )
    enqueue(jobs.notify_applicant, application_pk=application_pk, event_pk=event_pk)


# What the engine needs to know of applications: each row is locked as its service's
# proxy model (which declares the transitions and their permissions); the stage terms
# come from the service's definition (applications/deadlines.py).
APPLICATION_WORKFLOW = Workflow(
    rows=lambda application: workflow_model(application.service).objects.select_related(
        "organisation"
    ),
    audit=APPLICATION_AUDIT,
    stale=StaleApplication,
    refused=TransitionRefused,
    not_permitted=ActionNotPermitted,
    store_deadlines=deadlines.store_for_transition,
    enqueue_side_effects=_enqueue_side_effects,
)


# "Whoever is assigned": the caller did not say whom it saw.
ANY_CLERK = object()


def application_assign(
    *,
    application: Application,
    clerk: User | None,
    actor: User,
    expected_clerk_id: int | None | object = ANY_CLERK,
) -> Application:
    """Claim (clerk = actor) or assign to a colleague of the same office, or unassign.
    ``expected_clerk_id`` is who the actor saw assigned: if it changed meanwhile (a
    colleague took it), nothing happens and StaleApplication says why."""
    if (
        not actor.has_perm("accounts.work_queue")
        or actor.organisation_id != application.organisation_id
    ):
        raise ActionNotPermitted()
    if clerk is not None and (
        clerk.organisation_id != application.organisation_id
        or not clerk.has_perm("accounts.work_queue")
    ):
        raise ActionNotPermitted()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if expected_clerk_id is not ANY_CLERK and locked.assigned_clerk_id != expected_clerk_id:
            raise StaleApplication()
        previous = locked.assigned_clerk_id
        locked.assigned_clerk = clerk
        locked.save(update_fields=["assigned_clerk", "updated_at"])
        APPLICATION_AUDIT.record(
            subject=locked,
            actor=actor,
            action="assigned",
            data={"from": previous, "to": clerk.pk if clerk else None},
        )
    return locked


def attachment_review(
    *, attachment: Attachment, actor: User, accepted: bool, reason: str = ""
) -> Attachment:
    """A clerk marks a scan accepted, or rejected with a reason the applicant will read."""
    application = attachment.application
    if (
        not actor.has_perm("accounts.work_queue")
        or actor.organisation_id != application.organisation_id
    ):
        raise ActionNotPermitted()
    with transaction.atomic():
        locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
        locked.review = Attachment.Review.ACCEPTED if accepted else Attachment.Review.REJECTED
        locked.review_reason = "" if accepted else reason
        locked.reviewed_by = actor
        locked.save(update_fields=["review", "review_reason", "reviewed_by"])
        APPLICATION_AUDIT.record(
            subject=application,
            actor=actor,
            action="attachment_reviewed",
            note=locked.review_reason,
            data={"item": locked.checklist_item, "review": locked.review},
        )
    return locked


def attachment_add(
    *, application: Application, item: str, upload, actor: User, at: datetime | None = None
) -> Attachment:
    """Attach a scan to a checklist item. The file is checked by its content first
    (ValidationError with the reason otherwise); an earlier version stays, no longer
    current. ``at``: when (now, unless history is being recorded, e.g. demo data)."""
    from applications.uploads import check_upload

    definition = get_service(application.service)
    # Any edition's item: a draft's documents follow the edition of its filing day.
    if item not in {i.code for i in definition.all_checklist_items()}:
        raise TransitionRefused()
    checked = check_upload(upload)
    with transaction.atomic():
        Application.objects.select_for_update().filter(pk=application.pk).first()
        Attachment.objects.filter(
            application=application, checklist_item=item, is_current=True
        ).update(is_current=False)
        attachment = Attachment(
            application=application,
            checklist_item=item,
            original_name=upload.name[:255],
            content_type=checked.content_type,
            size=checked.size,
            pages=checked.pages,
            sha256=checked.sha256,
            uploaded_by=actor,
        )
        # The scan never outlives its row: removed if this block fails, and after the
        # request unless its transaction committed (guardianship_portal/core/files.py).
        with removed_on_error(attachment.file):
            attachment.file.save(upload.name, upload, save=False)
            attachment.save()
            if at is not None:
                Attachment.objects.filter(pk=attachment.pk).update(uploaded_at=at)
                attachment.uploaded_at = at
            APPLICATION_AUDIT.record(
                subject=application,
                actor=actor,
                action="attachment_added",
                data={"item": item, "name": attachment.original_name, "sha256": checked.sha256},
                at=at or timezone.now(),
            )
        kept_only_if_committed(attachment, "file")
    return attachment


# The ends after which the applicant may apply again with the same answers: the set was
# incomplete, the office refused, or they withdrew it themselves.
ENDS_TO_APPLY_AGAIN = ("refused_to_accept", "refused", "withdrawn")


def attachments_carry_over(*, source: Application, target: Application, actor: User) -> int:
    """Applying again: the earlier application's scans that the office did not reject,
    for the documents the new draft needs, are copied to it (a file of its own for
    each, checked afresh by the office). How many were copied."""
    definition = get_service(target.service)
    needed = {
        item.code
        for item in definition.checklist_for(
            target.answers, target.channel, applicable_edition(target)
        )
    }
    carried = 0
    with transaction.atomic():
        Application.objects.select_for_update().filter(pk=target.pk).first()
        already = set(
            target.attachments.filter(is_current=True).values_list("checklist_item", flat=True)
        )
        earlier = source.attachments.filter(is_current=True, checklist_item__in=needed).exclude(
            review=Attachment.Review.REJECTED
        )
        for original in earlier.exclude(checklist_item__in=already).order_by("pk"):
            copy = Attachment(
                application=target,
                checklist_item=original.checklist_item,
                original_name=original.original_name,
                content_type=original.content_type,
                size=original.size,
                pages=original.pages,
                sha256=original.sha256,
                uploaded_by=actor,
            )
            if not original.file.storage.exists(original.file.name):
                continue  # its file is gone: the draft asks for the document instead
            with removed_on_error(copy.file), original.file.open("rb") as content:
                copy.file.save(original.original_name, File(content), save=False)
                copy.save()
                APPLICATION_AUDIT.record(
                    subject=target,
                    actor=actor,
                    action="attachment_added",
                    data={
                        "item": copy.checklist_item,
                        "name": copy.original_name,
                        "sha256": copy.sha256,
                        "copied_from": source.pk,
                    },
                    at=timezone.now(),
                )
            kept_only_if_committed(copy, "file")
            carried += 1
    return carried


def application_update_draft(
    *,
    application: Application,
    actor: User,
    organisation: Organisation,
    applicant_data: dict[str, str],
    children: list[dict[str, Any]],
    answers: dict[str, Any],
) -> Application:
    """The applicant changes the answers of their own draft (any question page, the
    first one too): the office, the contacts, the children and the answers are replaced
    together, under the row lock, and the change is audited. A filed application is not
    a draft any more: StaleApplication, nothing changes."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.applicant_id != actor.pk:
            raise ActionNotPermitted()
        if locked.state != "draft":
            raise StaleApplication()
        # What the applicant changed: the answers against what they answered before
        # (where a registry settled one, their own answer is kept aside), the contact
        # and identity fields, the children. A key the registries add is compared only
        # when the form asks it.
        declared = locked.answers.get(DECLARED) or {}
        registry_keys = {CHILD_BIRTH_NOT_IN_REGISTRY, MARRIAGE_RECORD_NOT_IN_REGISTRY, DECLARED}
        changed = sorted(
            key
            for key in {*answers, *(set(locked.answers) - registry_keys)}
            if declared.get(key, locked.answers.get(key)) != answers.get(key)
        )
        changed += sorted(
            name for name, value in applicant_data.items() if getattr(locked, name) != value
        )
        before = [
            (c.last_name, c.first_name, c.middle_name, c.birth_date, c.iin)
            for c in locked.children.order_by("pk")
        ]
        after = [
            (
                c.get("last_name", ""),
                c.get("first_name", ""),
                c.get("middle_name", ""),
                c.get("birth_date"),
                c.get("iin", ""),
            )
            for c in children
        ]
        if before != after:
            changed.append("children")
        locked.organisation = organisation
        locked.answers = answers
        for name, value in applicant_data.items():
            setattr(locked, name, value)
        locked.save()
        locked.children.all().delete()
        Child.objects.bulk_create(Child(application=locked, **child) for child in children)
        APPLICATION_AUDIT.record(
            subject=locked,
            actor=actor,
            action="draft_changed",
            data={"answers_changed": changed, "organisation": organisation.pk},
        )
    confirm_from_registries(locked)
    _set_aside_scans_no_longer_needed(locked)
    return as_workflow(locked)


def _set_aside_scans_no_longer_needed(application: Application) -> None:
    """A changed answer (not married any more, another category) or the registries'
    answer can make a scan the applicant attached no longer needed: it stops being
    current, so that it is neither signed nor filed nor listed on the receipt (the
    check-answers page did not show it either). The row and its file stay, as for a
    replaced scan."""
    application.refresh_from_db()
    definition = get_service(application.service)
    needed = [
        item.code
        for item in definition.checklist_for(
            application.answers, application.channel, applicable_edition(application)
        )
    ]
    application.attachments.filter(is_current=True).exclude(checklist_item__in=needed).update(
        is_current=False
    )


def application_delete_draft(*, application: Application, actor: User) -> None:
    """The applicant deletes their own draft: its scans (files and rows), its children
    and the row itself. The draft's own events go with it (they describe nothing that
    exists any more); the deletion is written to the access log, which outlives it.
    A filed application is never deleted (StaleApplication)."""
    from applications.models import AccessLog

    with transaction.atomic():
        locked = Application.objects.select_for_update().filter(pk=application.pk).first()
        if locked is None:
            raise StaleApplication()
        if locked.applicant_id != actor.pk:
            raise ActionNotPermitted()
        if locked.state != "draft":
            raise StaleApplication()
        attachments = list(Attachment.objects.filter(application=locked))
        files = [(a.file.storage, a.file.name) for a in attachments if a.file]
        AccessLog.objects.create(
            user=actor,
            application=None,
            what=(f"draft {locked.pk} deleted: {locked.service}, {len(attachments)} scans removed")[
                :200
            ],
            address=current_address(),
        )
        locked.delete()

        def remove_files() -> None:
            for storage, name in files:
                storage.delete(name)

        # The files go once the rows are gone for good (never a row without its file).
        transaction.on_commit(remove_files)
