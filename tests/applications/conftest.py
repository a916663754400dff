"""Helpers kept importable here for older imports; the fixtures live in tests/patronat.py."""

from tests.files import make_jpeg, make_pdf, make_png, pdf_upload  # noqa: F401
from tests.patronat import draft_for  # noqa: F401
from tests.services.camp_voucher.school import (  # noqa: F401 (fixtures)
    school,
    school_applicant,
)
