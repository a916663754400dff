"""factory_boy factories shared by the whole suite."""

from datetime import date

import factory

from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.organisations.models import Organisation, ProvidedService, Region

# The five services the portal ships, in the order of the catalogue (INSTALLED_APPS).
SERVICE_CODES = ["patronat", "guardian_allowance", "camp_voucher", "free_meals", "material_aid"]


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name_kk = factory.Sequence(lambda n: f"Облыс {n}")
    name_ru = factory.Sequence(lambda n: f"Область {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.CITY_DEPARTMENT
    code = factory.Sequence(lambda n: f"ORG-{n}")
    name_kk = factory.Sequence(lambda n: f"Білім бөлімі {n}")
    name_ru = factory.Sequence(lambda n: f"Отдел образования {n}")
    region = factory.SubFactory(RegionFactory)
    district_kk = "Көкшетау қаласы"
    district_ru = "город Кокшетау"
    address_kk = "Абай к-сі, 1"
    address_ru = "ул. Абая, 1"
    phone = "+77162250000"


class ProvidedServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProvidedService

    organisation = factory.SubFactory(OrganisationFactory)
    service = "patronat"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    iin = factory.Sequence(
        lambda n: make_iin(date(1985, 5, 5), male=n % 2 == 0, serial=100 + n * 7)
    )
    last_name = "Сейітов"
    first_name = factory.Sequence(lambda n: f"Асқар{n}")
    phone = "+77011234567"
    email = factory.Sequence(lambda n: f"user{n}@example.kz")
    role = Role.APPLICANT
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805 (factory_boy hook)
        if create:
            obj.save()


class ClerkFactory(UserFactory):
    role = Role.CLERK
    organisation = factory.SubFactory(OrganisationFactory)


class SupervisorFactory(UserFactory):
    role = Role.SUPERVISOR
    organisation = factory.SubFactory(OrganisationFactory)


class QualityControllerFactory(UserFactory):
    """An officer of the authorised body for quality control (give its organisation)."""

    role = Role.QUALITY_CONTROLLER
