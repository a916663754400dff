"""The one transition path for every record with a django-fsm workflow.

Applications and complaints change state only through ``run_transition``: inside one
transaction the row is locked, the state the user saw is checked against the row (two
people acting at once: the second is told, nothing is half-done), the django-fsm
transition must be possible and permitted for the actor, it runs, the owner stores its
deadlines, the audit event is written, and the owner enqueues the side effects (the
documents the transition names, notifications) as jobs in the same transaction, so they
exist once the change is committed and never for a rolled-back one.

What differs between owners is declared by the owner in a ``Workflow`` (which rows,
which errors, which audit table, how deadlines are computed, which jobs follow); the
engine never asks what kind of record it holds. It lives in the project
package so that every owner imports it and it imports none of them.

An app above the owners that keeps something derived from the records (supervision's
pre-aggregated figures) registers a listener with ``register_change_listener``: it is
called inside the transaction, after the row is saved, with the row and its values
before the transition, so what it keeps commits or rolls back with the change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django_fsm import can_proceed, has_transition_perm


@dataclass(frozen=True)
class AuditTrail:
    """An owner's event table: ``subject`` is its foreign key to the record; the
    transition's reason goes to ``note_field``, its data to ``data_field`` (None: the
    table keeps no data)."""

    model: type[models.Model]
    subject: str
    note_field: str = "reason"
    data_field: str | None = "data"
    # Where the client's address goes (None: the table keeps none), and what reads it
    # from the request being served (the owner gives it: the engine imports no app of
    # the portal); a command or a job writes None.
    address_field: str | None = None
    current_address: Callable[[], str | None] | None = None

    def record(
        self,
        *,
        subject: models.Model,
        actor: Any,
        action: str,
        from_state: str = "",
        to_state: str = "",
        note: str = "",
        data: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> models.Model:
        """Write one event: every audit write (transitions, and what happens beside
        them: drafts, assignments, scans, filings) goes through here."""
        values: dict[str, Any] = {
            self.subject: subject,
            "actor": actor,
            "action": action,
            "from_state": from_state,
            "to_state": to_state,
            self.note_field: note,
        }
        if self.data_field is not None:
            values[self.data_field] = jsonable(data or {})
        if self.address_field is not None and self.current_address is not None:
            values[self.address_field] = self.current_address()
        if at is not None:  # else the table's own default (now), where it has one
            values["at"] = at
        return self.model._default_manager.create(**values)


@dataclass(frozen=True)
class Workflow:
    """What an owner declares for its records.

    ``rows(record)``: the queryset the record is locked from (its workflow model, with
    what the checks read). ``stale``, ``refused``, ``not_permitted``: the owner's
    errors, each with its message for the user. ``store_deadlines(record, *,
    from_state, moment, actor)``: store the dates the new state starts or ends.
    ``enqueue_side_effects(record_pk, event_pk, documents)``: called inside the
    transaction, enqueues the jobs (guardianship_portal/jobs) that issue the documents
    the transition names in ``custom["documents"]`` and tell whom it concerns.
    ``may_act(record, actor, action)``: who may act on the record at all, checked
    before its state (a complaint tells an outsider "not yours" whatever its state);
    None where the transition's own permission says it all. ``methods``: action (as
    the audit trail names it) → transition method, where the two differ."""

    rows: Callable[[Any], models.QuerySet]
    audit: AuditTrail
    stale: type[Exception]
    refused: type[Exception]
    not_permitted: type[Exception]
    store_deadlines: Callable[..., None]
    enqueue_side_effects: Callable[[int, int, list[str]], None]
    may_act: Callable[[Any, Any, str], bool] | None = None
    methods: Mapping[str, str] = field(default_factory=dict)


# Called as listener(record, previous) inside the transition's transaction, after the
# save: ``previous`` maps the record's concrete attnames to their values before it.
ChangeListener = Callable[[Any, dict[str, Any]], None]
_change_listeners: list[ChangeListener] = []


def register_change_listener(listener: ChangeListener) -> None:
    """Add ``listener`` (once; an app calls this in its AppConfig.ready())."""
    if listener not in _change_listeners:
        _change_listeners.append(listener)


def _values(record: models.Model) -> dict[str, Any]:
    return {f.attname: record.__dict__.get(f.attname) for f in type(record)._meta.concrete_fields}


def run_transition(
    workflow: Workflow,
    *,
    record: Any,
    action: str,
    actor: Any,
    expected_state: str | None,
    reason: str = "",
    data: dict[str, Any] | None = None,
    before: Callable[[Any], None] | None = None,
    moment: datetime | None = None,
) -> Any:
    """Run the transition ``action`` on ``record`` for ``actor``. ``expected_state``:
    the state the user saw (None: whatever it is now); ``before(locked)`` runs on the
    locked row once every check passed (numbering, registration); ``moment``: when it
    happened (now, unless history is being recorded). The transition method is called
    with ``actor``, ``reason`` and ``data``. Returns the saved row; ``record`` is
    brought up to date too."""
    moment = moment or timezone.now()
    data = data or {}
    with transaction.atomic():
        locked = workflow.rows(record).select_for_update(of=("self",)).get(pk=record.pk)
        if workflow.may_act is not None and not workflow.may_act(locked, actor, action):
            raise workflow.not_permitted()
        if expected_state is not None and locked.state != expected_state:
            raise workflow.stale()
        method = getattr(locked, workflow.methods.get(action, action), None)
        if method is None or not hasattr(method, "_django_fsm"):
            raise workflow.refused()
        if not can_proceed(method):
            raise workflow.refused()
        if not has_transition_perm(method, actor):
            raise workflow.not_permitted()
        from_state = locked.state
        previous = _values(locked) if _change_listeners else {}
        transition = method._django_fsm.get_transition(from_state)
        if before is not None:
            before(locked)
        method(actor=actor, reason=reason, **data)
        workflow.store_deadlines(locked, from_state=from_state, moment=moment, actor=actor)
        locked.save()
        for listener in _change_listeners:
            listener(locked, previous)
        event = workflow.audit.record(
            subject=locked,
            actor=actor,
            action=action,
            from_state=from_state,
            to_state=locked.state,
            note=reason,
            data=data,
            at=moment,
        )
        documents = list(transition.custom.get("documents", ())) if transition else []
        workflow.enqueue_side_effects(locked.pk, event.pk, documents)
    copy_saved_row(source=locked, target=record)
    return locked


def copy_saved_row(*, source: models.Model, target: models.Model) -> None:
    """Bring the caller's instance up to date with the row an action just saved (under
    its lock). Not through refresh_from_db: django-fsm's FSMModelMixin lifts the state
    field's protection on the shared field object while it refreshes, which races when
    two threads act at once (seen in the PostgreSQL concurrency tests). So no code
    refreshes a workflow record from the database; it copies the saved row instead."""
    for concrete in type(source)._meta.concrete_fields:
        target.__dict__[concrete.attname] = source.__dict__[concrete.attname]
    target._state.adding = False
    target._state.db = source._state.db


def jsonable(data: dict[str, Any]) -> dict[str, Any]:
    """The transition's data as the audit trail's JSON can hold it (dates as text)."""
    return {
        key: value
        if isinstance(value, str | int | float | bool | list | dict | None)
        else str(value)
        for key, value in data.items()
    }
