"""The demo history: idempotent, months of it, some late, every outcome."""

from datetime import date

import pytest

from applications.models import Application
from supervision.demo import KEY_PREFIX, seed_history
from tests.factories import ClerkFactory

pytestmark = pytest.mark.django_db


def test_history_is_made_once_and_has_late_and_refused_ones(patronat_office, patronat_clerk):
    ClerkFactory(organisation=patronat_office)  # one more clerk
    today = date(2026, 11, 20)
    assert seed_history(per_office=30, today=today) == 30
    assert seed_history(per_office=30, today=today) == 0
    history = Application.objects.filter(submission_key__startswith=KEY_PREFIX)
    assert history.count() == 30
    registered = sorted(history.values_list("registered_on", flat=True))
    assert (registered[-1] - registered[0]).days > 90  # several months
    states = set(history.values_list("state", flat=True))
    assert {"completed", "refused_to_accept"} <= states
    finished = history.exclude(completed_on=None).exclude(state="withdrawn")
    late = [a for a in finished if a.completed_on > a.due_on]
    assert late and len(late) < len(finished) / 2
    assert history.exclude(
        state__in=["completed", "refused", "refused_to_accept", "withdrawn"]
    ).exists()


def test_demo_targets_fill_only_what_is_missing():
    from decimal import Decimal

    from supervision.demo import APPENDIX_1_VALUES, seed_quality_targets
    from supervision.models import QualityIndicatorTarget

    QualityIndicatorTarget.objects.create(year=2026, indicator="on_time", target=Decimal("90"))
    assert seed_quality_targets(years=[2025, 2026]) == 2 * len(APPENDIX_1_VALUES) - 1
    assert seed_quality_targets(years=[2025, 2026]) == 0
    kept = QualityIndicatorTarget.objects.get(year=2026, indicator="on_time")
    assert (kept.normative, kept.target) == (None, Decimal("90"))  # the admin's own values
    seeded = QualityIndicatorTarget.objects.get(year=2025, indicator="justified_complaints")
    assert (seeded.normative, seeded.target) == (Decimal("4"), Decimal("8"))
    assert set(APPENDIX_1_VALUES) == set(QualityIndicatorTarget.Indicator.values)
