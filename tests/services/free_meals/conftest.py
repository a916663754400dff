from tests.services.camp_voucher.school import (  # noqa: F401 (fixtures)
    school,
    school_applicant,
    school_clerk,
)
