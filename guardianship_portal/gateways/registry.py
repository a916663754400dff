"""The state registries behind the e-government gateway (issue #14): the persons
database by IIN, and the civil registry's birth and marriage records.

One interface, ``StateRegistry``; the class is chosen by ``REGISTRY_GATEWAY``. The only
implementation in this repository is ``FakeStateRegistry``, a local fake that answers for
the demo citizens from ``fake_registry.json`` (and for what tests add) — it is named as a
fake everywhere it shows. A real adapter needs the gateway operator's contract (ШЭП /
the e-government gateway's service for the persons database and the civil registry);
it implements the three methods below and is selected by the setting, with no change to
any caller.

What an adapter must return (and what the portal stores of it, with the application):

- ``person(iin)`` → ``PersonRecord``: IIN, last, first and middle name, birth date, sex
  (``"M"``/``"F"``); ``None`` when the database has no such person.
- ``birth(child_iin)`` → ``BirthRecord``: the child's IIN, names, birth date, whether the
  birth was registered in Kazakhstan, the record's number and date, the registry office
  (kk and ru), the parents' IINs; ``None`` when there is no electronic record (births
  registered abroad, or before the electronic registry, 13.08.2007).
- ``marriage(iin)`` → ``MarriageRecord``: the record's number and date, the registry
  office, the spouse's IIN and name, the date of a divorce if any; ``None`` when the
  registry has no marriage of that person.

Each answer carries the gateway's request id and the moment it answered
(``RegistryAnswer``). An adapter raises ``RegistryUnavailable`` when the gateway is down or
refuses; ``ask`` also turns a call slower than ``REGISTRY_TIMEOUT_SECONDS`` into
``RegistryUnavailable``, so a slow registry never holds a request: the caller then asks
for the document to be uploaded instead.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

T = TypeVar("T")

FAKE_DATA = Path(__file__).with_name("fake_registry.json")


class RegistryUnavailable(Exception):
    """The registry did not answer (down, refused, or slower than the timeout)."""


@dataclass(frozen=True)
class PersonRecord:
    iin: str
    last_name: str
    first_name: str
    middle_name: str
    birth_date: date
    sex: str  # "M" or "F"

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.last_name, self.first_name, self.middle_name) if part
        )


@dataclass(frozen=True)
class BirthRecord:
    child_iin: str
    last_name: str
    first_name: str
    middle_name: str
    birth_date: date
    registered_in_kazakhstan: bool
    record_number: str
    record_date: date
    registry_office_kk: str
    registry_office_ru: str
    mother_iin: str = ""
    father_iin: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.last_name, self.first_name, self.middle_name) if part
        )


@dataclass(frozen=True)
class MarriageRecord:
    record_number: str
    record_date: date
    registry_office_kk: str
    registry_office_ru: str
    spouse_iin: str
    spouse_name: str
    dissolved_on: date | None = None


@dataclass(frozen=True)
class RegistryAnswer(Generic[T]):
    """What the registry said: ``record`` is None for "no such record"."""

    request_id: str
    answered_at: datetime
    record: T | None

    @property
    def found(self) -> bool:
        return self.record is not None

    def record_fields(self) -> dict[str, Any]:
        """The record as JSON-ready data (dates as ISO text), to store with the
        application."""
        if self.record is None:
            return {}
        return {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in asdict(self.record).items()  # type: ignore[call-overload]
        }


class StateRegistry(Protocol):
    def person(self, iin: str) -> RegistryAnswer[PersonRecord]: ...

    def birth(self, child_iin: str) -> RegistryAnswer[BirthRecord]: ...

    def marriage(self, iin: str) -> RegistryAnswer[MarriageRecord]: ...


def registry_gateway() -> StateRegistry:
    return import_string(settings.REGISTRY_GATEWAY)()


def ask(
    call: Callable[[], RegistryAnswer[T]], *, timeout: float | None = None
) -> RegistryAnswer[T]:
    """Run one registry call with a deadline (see ``ask_all``)."""
    (result,) = ask_all([call], timeout=timeout)
    if isinstance(result, RegistryUnavailable):
        raise result
    return result


def ask_all(
    calls: list[Callable[[], RegistryAnswer[Any]]], *, timeout: float | None = None
) -> list[RegistryAnswer[Any] | RegistryUnavailable]:
    """Run the calls at once, each in a daemon thread, and wait for them all until one
    deadline (``REGISTRY_TIMEOUT_SECONDS``): an application's questions cost at most one
    timeout together, not one each. A call still running at the deadline, or failing,
    gives a ``RegistryUnavailable`` in its place (a late thread ends on its own)."""
    limit = settings.REGISTRY_TIMEOUT_SECONDS if timeout is None else timeout
    deadline = time.monotonic() + limit
    boxes: list[queue.Queue[tuple[bool, Any]]] = []
    for call in calls:
        box: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

        def run(call=call, box=box) -> None:
            try:
                box.put((True, call()))
            except Exception as error:  # noqa: BLE001 - every failure means "unavailable"
                box.put((False, error))

        threading.Thread(target=run, daemon=True, name="registry-call").start()
        boxes.append(box)
    results: list[RegistryAnswer[Any] | RegistryUnavailable] = []
    for box in boxes:
        try:
            ok, value = box.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            results.append(RegistryUnavailable(f"no answer within {limit} s"))
            continue
        if ok or isinstance(value, RegistryUnavailable):
            results.append(value)
        else:
            results.append(RegistryUnavailable(str(value) or type(value).__name__))
    return results


# -- the local fake ------------------------------------------------------------------------


@dataclass
class FakeData:
    persons: dict[str, PersonRecord] = field(default_factory=dict)
    births: dict[str, BirthRecord] = field(default_factory=dict)
    marriages: dict[str, MarriageRecord] = field(default_factory=dict)
    # IIN → "timeout" (answers after FAKE_REGISTRY_DELAY_SECONDS) or "down" (refuses).
    behaviours: dict[str, str] = field(default_factory=dict)


def _dates(raw: dict[str, Any], *names: str) -> dict[str, Any]:
    return {
        **raw,
        **{name: date.fromisoformat(raw[name]) for name in names if raw.get(name)},
    }


def load_fake_data(path: Path = FAKE_DATA) -> FakeData:
    raw = json.loads(path.read_text(encoding="utf-8"))
    data = FakeData()
    for person in raw.get("persons", []):
        data.persons[person["iin"]] = PersonRecord(**_dates(person, "birth_date"))
    for birth in raw.get("births", []):
        data.births[birth["child_iin"]] = BirthRecord(**_dates(birth, "birth_date", "record_date"))
    for marriage in raw.get("marriages", []):
        iin = marriage.pop("iin")
        data.marriages[iin] = MarriageRecord(**_dates(marriage, "record_date", "dissolved_on"))
    data.behaviours.update(raw.get("behaviours", {}))
    return data


class FakeStateRegistry:
    """LOCAL FAKE of the state registries: nothing leaves the machine. It answers from
    ``fake_registry.json`` (the demo citizens, their children and marriages, an IIN that
    times out and one for which the gateway is down); tests add records with
    ``FakeStateRegistry.data``. Every answer's request id starts with ``FAKE-``."""

    data: FakeData = load_fake_data()
    is_fake = True

    @classmethod
    def reset(cls) -> None:
        cls.data = load_fake_data()

    def _answer(self, iin: str, record: T | None) -> RegistryAnswer[T]:
        behaviour = self.data.behaviours.get(iin)
        if behaviour == "down":
            raise RegistryUnavailable("FAKE registry: the gateway refused the request")
        if behaviour == "timeout":
            time.sleep(settings.FAKE_REGISTRY_DELAY_SECONDS)
        return RegistryAnswer(f"FAKE-{uuid.uuid4()}", timezone.now(), record)

    def person(self, iin: str) -> RegistryAnswer[PersonRecord]:
        return self._answer(iin, self.data.persons.get(iin))

    def birth(self, child_iin: str) -> RegistryAnswer[BirthRecord]:
        return self._answer(child_iin, self.data.births.get(child_iin))

    def marriage(self, iin: str) -> RegistryAnswer[MarriageRecord]:
        return self._answer(iin, self.data.marriages.get(iin))
