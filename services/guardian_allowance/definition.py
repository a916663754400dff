"""Allowance to guardians and trustees for the upkeep of an orphan or a child left without
parental care (seed 002: service passport of the Karaganda city education department).

Checklist: seed 002, item 9 (office and State Corporation list, 7 items; the portal list is
the same less the identity document). Term: 10 working days; at the State Corporation the
day of acceptance is not counted (applications.deadlines handles that by channel).
The seed gives no stage split: the stage terms below are this portal's (data).
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

from applications.registry import (
    ACCEPTANCE_RECEIPT,
    COMMON_REFUSAL_GROUNDS,
    MOTIVATED_REFUSAL,
    Channel,
    ChecklistItem,
    Condition,
    Edition,
    ResultDocument,
    ServiceDefinition,
    Stage,
    TermUnit,
)

# Births from this date are in the electronic civil registry: the provider fetches them
# through the e-government gateway (seed 002).
CIVIL_REGISTRY_FROM = date(2007, 8, 13)
BORN_BEFORE_REGISTRY = "child_born_before_registry"


def born_before_registry(birth_date: date) -> bool:
    return birth_date < CIVIL_REGISTRY_FROM


def derive_answers(answers: dict, children: list[dict]) -> dict:
    """The fact a service form derives from the children's birth dates (Condition.asked
    is about the other half of the birth-certificate condition: born abroad)."""
    return {
        **answers,
        BORN_BEFORE_REGISTRY: any(born_before_registry(c["birth_date"]) for c in children),
    }


BIRTH_CERTIFICATE_NEEDED = Condition(
    "child_born_abroad",
    _("Was the child born outside Kazakhstan?"),
    _("only if the child was born before 13.08.2007 or outside Kazakhstan"),
    test=lambda a: bool(a.get("child_born_abroad")) or bool(a.get(BORN_BEFORE_REGISTRY)),
)

ALL_CHANNELS = frozenset({Channel.PORTAL, Channel.OFFICE, Channel.STATE_CORPORATION})
OFFICE_ONLY = frozenset({Channel.OFFICE, Channel.STATE_CORPORATION})

DEFINITION = ServiceDefinition(
    code="guardian_allowance",
    title=_("Allowance to guardians and trustees"),
    # The official name (seed 002, "Мемлекеттік қызметтің атауы"; the Russian one as in the
    # rules, Order No. 158).
    official_title=_(
        "Assignment of an allowance to guardians or trustees for the upkeep of an orphan "
        "(orphans) and a child (children) left without parental care"
    ),
    summary=_(
        "Assignment of a monthly allowance to a guardian or trustee for the upkeep of an "
        "orphan or a child left without parental care."
    ),
    who_may_apply=(
        _(
            "Guardians and trustees (individuals) of an orphan or a child left without parental "
            "care, appointed by a decision of the local executive body."
        ),
    ),
    provider=_(
        "Education departments of cities and districts. Applications are also accepted by the "
        "State Corporation “Government for Citizens”."
    ),
    provider_kinds=("city_department", "district_department"),
    channels=(Channel.PORTAL, Channel.OFFICE, Channel.STATE_CORPORATION),
    checklist=(
        ChecklistItem(
            "application",
            # kk: осы мемлекеттік көрсетілетін қызмет стандартына 2-қосымшаға сәйкес нысан бойынша қамқоршының немесе қорғаншының жәрдемақы тағайындау үшін өтініші
            _("Application of the guardian or trustee for the allowance (appendix 2 form)"),
            # kk (portal): көрсетілетін қызметті алушының ЭЦҚ қойылған электрондық құжат нысанындағы сұранысы
            note=_("On the portal: an electronic request signed with the applicant's EDS."),
            is_the_application=True,
        ),
        ChecklistItem(
            "identity_document",
            # kk: көрсетілетін қызметті алушының жеке басын куәландыратын құжат (жеке басын сәйкестендіру үшін талап етіледі)
            _("Identity document"),
            channels=OFFICE_ONLY,
            note=_("original, for identification only"),
        ),
        ChecklistItem(
            "guardian_appointment_decision",
            # kk: қамқоршы немесе қорғаншы тағайындау туралы жергілікті атқарушы органның шешімі
            _("Decision of the local executive body appointing the guardian or trustee"),
        ),
        ChecklistItem(
            "birth_certificate",
            # kk: бала 2007 жылғы 13 тамызға дейін не Қазақстан Республикасынан тыс жерде туылған жағдайда баланың туу туралы куәлігінің көшірмесі
            _("Copy of the child's birth certificate"),
            condition=BIRTH_CERTIFICATE_NEEDED,
            note=_(
                "For a child born in Kazakhstan on or after 13.08.2007 the provider gets the "
                "birth record from the civil registry."
            ),
        ),
        ChecklistItem(
            "no_parental_care_documents",
            # kk: балаға жалғыз ата-анасының немесе екеуiнiң де қамқорлығының жоқтығын растайтын құжаттардың көшiрмелері
            _(
                "Copies of documents confirming that the child has no care of the single parent "
                "or of both parents"
            ),
            one_of=(
                # kk: қайтыс болуы туралы куәлік
                _("death certificate"),
                # kk: ата-ананы ата-ана құқықтарынан айыру, олардың ата-ана құқықтарын шектеу туралы сот шешімі
                _("court decision depriving the parents of parental rights or limiting them"),
                # kk: ата-анасын хабарсыз кетті, әрекетке қабiлетсiз (әрекет қабiлетi шектелген) деп тану, оларды қайтыс болды деп жариялау туралы сот шешімі
                _(
                    "court decision declaring the parents missing, legally incapable (or of "
                    "limited capacity), or dead"
                ),
                # kk: ата-анасының бас бостандығынан айыру орындарында жазасын өтеуi туралы сот үкімі
                _("court sentence under which the parents serve a term of imprisonment"),
                # kk: ата-аналардың іздестірілуін растайтын құжаттар
                _("documents confirming that the parents are being searched for"),
                # kk: баланың (балалардың) ата-анасынан айырып алынғанын растайтын құжаттар
                _("documents confirming that the child was taken away from the parents"),
                # kk: ата-анасының денсаулық сақтау ұйымдарында ұзақ мерзімді емделуін растайтын құжаттар
                _(
                    "documents confirming the parents' long-term treatment in healthcare "
                    "organisations"
                ),
                # kk: баланың (балалардың) әдейі тасталғаны туралы акті
                _("act on the child's abandonment"),
                # kk: баладан (балалардан) бас тарту туралы өтініш
                _("statement of refusal of the child"),
            ),
        ),
        ChecklistItem(
            "bank_account_contract",
            # kk: екінші деңгейдегі банкте немесе банк операцияларының жеке түрлерін жүзеге асыруға Қазақстан Республикасы Ұлттық Банкінің лицензиясы бар ұйымда қорғаншының немесе қамқоршының атына дербес шоттың ашылуы туралы шарттың көшірмесі
            _(
                "Copy of the contract on opening a personal account in the guardian's or "
                "trustee's name in a second-tier bank or an organisation licensed by the "
                "National Bank for certain banking operations"
            ),
        ),
        ChecklistItem(
            "child_income_documents",
            # kk: баланың (балалардың) табысы (мемлекеттік әлеуметтік жәрдемақыларды және өзге де әлеуметтік төлемдерді алуды растайтын құжаттар, алименттер, баланың (балалардың) мүлкінен түсетін табыстары туралы мәліметтер) туралы құжаттар
            _(
                "Documents on the child's income (state social benefits and other social "
                "payments, alimony, income from the child's property)"
            ),
        ),
    ),
    stages=(
        Stage("completeness_check", _("Completeness check of the documents")),
        Stage(
            "review", _("Review of the documents and of the data from state information systems")
        ),
        Stage("decision", _("Decision on assigning the allowance")),
    ),
    editions=(
        Edition(
            code="2020-10wd",
            effective_from=date(2020, 5, 1),
            # seed 002. The stage split 1 + 7 + 2 is not in the seed (data).
            source=_(
                "Service passport: 10 working days; at the State Corporation the day of "
                "acceptance is not counted. The split into stages is the portal's (verify)."
            ),
            total_term=10,
            term_unit=TermUnit.WORKING_DAYS,
            stage_terms={"completeness_check": 1, "review": 7, "decision": 2},
        ),
    ),
    result_documents=(
        ACCEPTANCE_RECEIPT,
        # kk: құжаттарды қабылдаудан бас тарту туралы қолхат (3-қосымша)
        ResultDocument("refusal_receipt", _("Receipt of refusal to accept the documents")),
        # kk: қамқоршыларға немесе қорғаншыларға жетім баланы (жетім балаларды) және ата-анасының қамқорлығынсыз қалған баланы (балаларды) асырап-бағуға жәрдемақы тағайындау туралы шешім (1-қосымша)
        ResultDocument(
            "allowance_decision",
            _(
                "Decision on assigning the allowance to the guardian or trustee for the upkeep "
                "of an orphan or a child left without parental care"
            ),
        ),
        MOTIVATED_REFUSAL,
    ),
    refusal_grounds=(*COMMON_REFUSAL_GROUNDS,),
    notes=(
        _(
            "At the office or the State Corporation bring the originals for comparison: they "
            "are returned to you."
        ),
        _(
            "The provider gets the identity data and the birth records of children born on or after "
            "13.08.2007 from state information systems: you do not bring them."
        ),
        _(
            "The State Corporation keeps a ready result for one month, then passes it to the "
            "provider; it is handed over against the receipt and an identity document (or a "
            "notarised power of attorney)."
        ),
        _(
            "The allowance is paid monthly for each child: 10 monthly calculation indices per "
            "child (the index is set each year)."
        ),
    ),
    legal_basis=(
        _(
            "Order of the Minister of Education and Science No. 158 of 24.04.2020 (registered "
            "No. 20478), with amendments."
        ),
        _("Order No. 35 of 16.02.2024 re-issuing the rules of the guardian allowance."),
    ),
)
