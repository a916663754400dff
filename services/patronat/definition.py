"""Patronat placement of a child and payment to the carer (seeds 000, 001, 003).

Two editions, each with its own checklist (the edition in force on the filing day
applies):
- seed 001, the service passport: 30 calendar days; at the office 6 items (application
  in free form, identity document, application for the home inspection, spouse's consent
  if married, health and dispensary certificates, information on education), on the portal
  3 (the signed request, the health and dispensary certificates, information on education);
- seed 000, the Kokshetau city department's portal description: 10 working days, 9 items.
  Seed 000 describes filing through the portal only; an office filing under it hands in
  the same 9 documents on paper and shows the identity document for identification (as
  seed 001 says for the counter). Seed 000 asks for no dispensary certificates.
Stages and their working-day terms: seed 000 (1+2+2+1+1+2). The effective-from dates
of the editions are not in the seeds (verify).
Seed 003 is a repealed 2008 Astana standard of a different service (guardianship/patronat
paperwork, 15 working days): only its typical contract is used.
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

from applications.registry import (
    ACCEPTANCE_RECEIPT,
    COMMON_REFUSAL_GROUNDS,
    MOTIVATED_REFUSAL,
    REFUSAL_RECEIPT,
    ApplicantTask,
    Channel,
    ChecklistItem,
    Condition,
    Edition,
    LegalText,
    RefusalGround,
    ResultDocument,
    ServiceDefinition,
    Stage,
    TermUnit,
)

MARRIED = Condition(
    "married",
    _("Are you married?"),
    _("only if the applicant is married"),
)
MARRIAGE_NOT_IN_REGISTRY = Condition(
    "marriage_not_in_registry",
    _(
        "Is your marriage missing from the civil registry (registered abroad or before it was kept electronically)?"
    ),
    _("only if married and the marriage is not in the civil registry"),
    test=lambda a: bool(a.get("married")) and bool(a.get("marriage_not_in_registry")),
)
# Asked positively (a question with NOT in it confuses people); the document is
# needed on a "no".
NOT_HOME_OWNER = Condition(
    "home_owner",
    _("Do you or your spouse own the home where the child will live?"),
    _("only if the applicant or spouse does not own the home"),
    test=lambda answers: not answers.get("home_owner"),
)
NOT_CLOSE_RELATIVE = Condition(
    "close_relative",
    _("Are you a close relative of the child?"),
    _("not needed for close relatives of the child"),
    test=lambda answers: not answers.get("close_relative"),
)
RELATIVE_OR_STEP_PARENT = Condition(
    "relative_or_step_parent",
    _("Are you a relative or step-parent of the child?"),
    _("only for relatives and step-parents of the child"),
)
CHILD_UNDER_TEN = Condition(
    "child_under_ten",
    _("Is the child younger than 10?"),
    _("skipped when the child is younger than 10"),
    asked=False,  # derived from the children's birth dates (PatronatForm.derive_answers)
)

ALL_CHANNELS = frozenset({Channel.PORTAL, Channel.OFFICE, Channel.STATE_CORPORATION})
OFFICE_ONLY = frozenset({Channel.OFFICE, Channel.STATE_CORPORATION})

# Seed 000: the nine documents of the portal description (electronic copies).
PORTAL_DESCRIPTION_CHECKLIST = (
    # kk: өтініш
    ChecklistItem(
        "application", _("Application (signed by the applicant)"), is_the_application=True
    ),
    # Seed 000 describes the portal only; at the counter the applicant shows the identity
    # document for identification, as seed 001 says for the same service.
    ChecklistItem(
        "identity_document",
        _("Identity document"),
        channels=OFFICE_ONLY,
        note=_("original, for identification only"),
    ),
    # kk: егер көрсетілетін қызметті алушы некеде тұрған жағдайда жұбайының (зайыбының) келісімі
    # (seeds 000 and 001 do not ask for notarisation; only the repealed 2008 standard, seed 003, did)
    ChecklistItem("spouse_consent", _("Consent of the spouse"), condition=MARRIED),
    # kk: неке қию туралы куәлік (seed 000 lists it without a condition; only a married
    # applicant has one, and the provider reads a registered marriage from the civil registry)
    ChecklistItem(
        "marriage_certificate",
        _("Marriage certificate"),
        condition=MARRIAGE_NOT_IN_REGISTRY,
        note=_("not needed when the civil registry has the record"),
    ),
    # kk: көрсетілетін қызметті алушының және (немесе) жұбайының (зайыбының) тұрғын үйді пайдалану құқығын растайтын құжаттар (тұрғын үйге меншік құқығы болмаған жағдайда)
    ChecklistItem(
        "dwelling_right",
        _("Document on the right to use the dwelling"),
        condition=NOT_HOME_OWNER,
    ),
    # kk: егер некеде тұрса, көрсетілетін қызметті алушының және жұбайының (зайыбының) денсаулық жағдайы туралы анықтама
    ChecklistItem(
        "health_certificate",
        _("Health certificates of the applicant (and spouse, if married)"),
    ),
    # kk: білім туралы диплом
    ChecklistItem("education_diploma", _("Education diploma")),
    # kk: жетім балаларды және ата-анасының қамқорлығынсыз қалған балаларды (баланың жақын туыстарын қоспағанда) отбасына тәрбиелеуге қабылдауға тілек білдірген адамдарды даярлаудан өткені туралы сертификат
    ChecklistItem(
        "carer_training",
        _("Certificate of completed training for prospective carers"),
        condition=NOT_CLOSE_RELATIVE,
    ),
    # kk: екінші деңгейдегі банкте ағымдағы шот ашу туралы шарт
    ChecklistItem(
        "bank_account_contract",
        _("Contract on opening a current account in a second-tier bank"),
    ),
    # kk: туыстарының, өгей әкесінің (өгей шешесінің) балаға (балаларға) туыстық фактісін растайтын құжаттар
    ChecklistItem(
        "kinship_documents",
        _("Documents confirming kinship with the child"),
        condition=RELATIVE_OR_STEP_PARENT,
    ),
)

# Seed 001: the office list (6 documents) and the portal list (3), one item per document.
SERVICE_PASSPORT_CHECKLIST = (
    ChecklistItem(
        "application",
        # kk: патронат тәрбиеші болуға тілек білдіргені туралы өтініш (еркін нысанда)
        _("Application expressing the wish to become a patronat carer (free form)"),
        # kk (portal): көрсетілетін қызметті алушының ЭЦҚ қойылған электрондық құжат нысанындағы сұранысы
        note=_("On the portal: an electronic request signed with the applicant's EDS."),
        is_the_application=True,
    ),
    # kk: көрсетілетін қызметті алушының жеке басын куәландыратын құжат (түпнұсқа сәйкестендіру үшін талап етіледі)
    ChecklistItem(
        "identity_document",
        _("Identity document"),
        channels=OFFICE_ONLY,
        note=_("original, for identification only"),
    ),
    # kk: тұрғын үй-тұрмыстық жағдайларын тексеріп-қарауды жүргізу туралы өтініш
    ChecklistItem(
        "inspection_request",
        _("Application for the inspection of living conditions"),
        channels=OFFICE_ONLY,
    ),
    # kk: егер көрсетілетін қызметті алушы некеде тұрған жағдайда, жұбайының (зайыбының) келiсiмi
    # (office list only: the seed's portal list does not name it)
    ChecklistItem(
        "spouse_consent", _("Consent of the spouse"), condition=MARRIED, channels=OFFICE_ONLY
    ),
    # kk: ... Кодекстің 91-бабы 1-бөлімінің 6) тармақшасына сәйкес ауруының жоқтығын растайтын денсаулық жағдайы туралы анықтама
    ChecklistItem(
        "health_certificate",
        _("Health certificates of the applicant (and spouse, if married)"),
        note=_(
            "confirming the absence of the diseases named in Article 91(1)(6) of the Marriage and Family Code"
        ),
    ),
    # kk: наркологиялық және психиатриялық диспансерлерде есепте тұрғандығы туралы мәліметтің жоқтығы туралы анықтама
    ChecklistItem(
        "dispensary_certificates",
        _("Certificates of not being registered at narcological and psychiatric dispensaries"),
        note=_(
            "on the form approved by order No. 907 of 23.11.2010 of the acting Minister of Healthcare"
        ),
    ),
    # kk: білімі туралы мәлімет
    ChecklistItem("education_information", _("Information on education")),
)

# The laws the patronat contract cites, worded to fit its sentences (official text per
# language, not gettext): clause 1 of the typical contract (seed 003 appendix 3) reads
# "Орган опеки и попечительства, действующий на основании <contract_basis>" and
# "<contract_basis> негізінде, қорғаншы және қамқоршы органы атынан...". The seed cites
# article 100 of the repealed 1998 law "О браке и семье"; seed 001 names the Code that
# replaced it, without its date and article (verify with a lawyer).
LEGAL_REFERENCES = {
    "contract_basis": LegalText(
        kk="«Неке (ерлі-зайыптылық) және отбасы туралы» Қазақстан Республикасы Кодексі",
        ru="Кодекса Республики Казахстан «О браке (супружестве) и семье»",
    ),
}

DEFINITION = ServiceDefinition(
    code="patronat",
    title=_("Patronat placement and payment to the carer"),
    # The official name (seed 000, line 1; the Russian one as in the rules, Order No. 158).
    official_title=_(
        "Placement of a child (children) in patronat upbringing and assignment of payment of "
        "money for the upkeep of the child (children) placed with patronat carers"
    ),
    summary=_(
        "Placement of an orphan or a child left without parental care with a patronat "
        "carer under a contract, and assignment of monthly payment for the child's upkeep."
    ),
    who_may_apply=(
        _(
            "Adult individuals wishing to take a child into patronat care, except persons whom the Marriage and Family Code does not allow to take a child."
        ),
    ),
    # Seed 001: the local executive bodies of Astana, Almaty, districts and cities of regional
    # significance; seed 000: the city education department (the guardianship body).
    provider=_(
        "Local executive bodies of cities and districts, through their education departments "
        "(guardianship and trusteeship bodies)."
    ),
    provider_kinds=("city_department", "district_department"),
    channels=(Channel.PORTAL, Channel.OFFICE),
    checklist=PORTAL_DESCRIPTION_CHECKLIST,
    stages=(
        Stage("completeness_check", _("Completeness check of the documents")),
        Stage("home_inspection", _("Inspection of living conditions and the act")),
        Stage("child_consent", _("Consent of the child aged 10 or older"), skip=CHILD_UNDER_TEN),
        Stage("contract_notice", _("Notice of contract conclusion")),
        Stage("contract_signing", _("The applicant comes to sign the contract")),
        Stage("payment_decision", _("Decision on assigning the payment")),
    ),
    editions=(
        Edition(
            code="2020-30cd",
            effective_from=date(2020, 5, 1),
            # seed 001
            source=_(
                "Service passport: 30 calendar days from the filing of the documents or the portal request."
            ),
            total_term=30,
            term_unit=TermUnit.CALENDAR_DAYS,
            checklist=SERVICE_PASSPORT_CHECKLIST,
            legal_references=LEGAL_REFERENCES,
            stage_terms={
                "completeness_check": 1,
                "home_inspection": 2,
                "child_consent": 2,
                "contract_notice": 1,
                "contract_signing": 1,
                "payment_decision": 2,
            },
        ),
        Edition(
            code="2024-10wd",
            effective_from=date(2024, 1, 1),
            # seed 000
            source=_(
                "Portal service description of a city education department: 10 working days from the portal request."
            ),
            total_term=10,
            term_unit=TermUnit.WORKING_DAYS,
            checklist=PORTAL_DESCRIPTION_CHECKLIST,
            legal_references=LEGAL_REFERENCES,
            stage_terms={
                "completeness_check": 1,
                "home_inspection": 2,
                "child_consent": 2,
                "contract_notice": 1,
                "contract_signing": 1,
                "payment_decision": 2,
            },
        ),
    ),
    result_documents=(
        ACCEPTANCE_RECEIPT,
        REFUSAL_RECEIPT,
        # kk: патронат тәрбиеуші болуға ниет білдірген азаматтардың тұрғын үй-тұрмыстық жағдайын зерделеу актісі
        ResultDocument("inspection_act", _("Act of inspection of living conditions")),
        # kk: баланы (балаларды) патронаттық тәрбиеге беру туралы шарт жасау туралы хабарлама
        ResultDocument("contract_notice", _("Notice of contract conclusion")),
        # kk: баланы (балаларды) патронатқа тәрбиелеуге берудің тұрпатты шарты (seed 003, 3-қосымша)
        ResultDocument("patronat_contract", _("Patronat upbringing contract")),
        # kk: баланы (балаларды) асырап-бағуға ақшалай қаражат төлеуді тағайындау туралы шешім
        ResultDocument(
            "payment_decision", _("Decision on assigning payment for the child's upkeep")
        ),
        MOTIVATED_REFUSAL,
    ),
    refusal_grounds=(
        *COMMON_REFUSAL_GROUNDS,
        RefusalGround(
            "family_code_restriction",
            _(
                "The Marriage and Family Code does not allow the applicant to take a child (illness from the approved list, criminal record, registration at a narcological or psychiatric dispensary)."
            ),
        ),
    ),
    # Seed 000: the applicant comes to the office to sign the contract within 1 working
    # day of the notice, with the identity document (the notice says the same).
    applicant_tasks=(
        ApplicantTask(
            "contract_signing",
            _("Come to the office in person and sign the patronat upbringing contract."),
            bring=(_("Identity document"),),
        ),
    ),
    legal_basis=(
        _(
            "Order of the Minister of Education and Science No. 158 of 24.04.2020 (registered No. 20478), with amendments."
        ),
    ),
)
