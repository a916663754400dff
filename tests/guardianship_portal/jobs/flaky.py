"""Jobs for the job engine's own tests (module level, as the engine requires)."""

from datetime import timedelta

from guardianship_portal.jobs.api import job

RUNS: list[str] = []


@job(attempts=3, first_retry_after=timedelta(seconds=10))
def always_fails(*, label: str) -> None:
    raise RuntimeError(f"{label} cannot be done")


@job()
def record(*, label: str) -> None:
    RUNS.append(label)
