import re

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from guardianship_portal.core.service_codes import service_choices

from .models import Organisation, ProvidedService, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name_kk", "name_ru"]
    search_fields = ["name_kk", "name_ru"]


class ProvidedServiceForm(forms.ModelForm):
    # The model field has no choices (services are the installed apps): the select is
    # built from them each time the form is made.
    service = forms.ChoiceField(label=_("service"), choices=service_choices)

    class Meta:
        model = ProvidedService
        fields = ["service", "contract_conditions_kk", "contract_conditions_ru"]


class ProvidedServiceInline(admin.StackedInline):
    # Stacked: each service's contract conditions are paragraphs of text, per language.
    model = ProvidedService
    form = ProvidedServiceForm
    extra = 0
    fields = ["service", "contract_conditions_kk", "contract_conditions_ru"]


class OrganisationAdminForm(forms.ModelForm):
    """The bank details are printed in signed contracts: a mistyped one is refused here."""

    class Meta:
        model = Organisation
        # The admin passes the fields of its fieldsets; these are the ones checked here.
        fields = ["bin", "bank_account", "bank_bik"]

    def clean_bin(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data["bin"])
        if value and not re.fullmatch(r"\d{12}", value):
            raise forms.ValidationError(_("A BIN is exactly 12 digits."), code="bin_format")
        return value

    def clean_bank_account(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data["bank_account"]).upper()
        if value and not re.fullmatch(r"KZ\d{2}[0-9A-Z]{16}", value):
            raise forms.ValidationError(
                _("An account (IIK) is KZ and 18 more characters, e.g. KZ94070105KSN0000001."),
                code="iik_format",
            )
        return value

    def clean_bank_bik(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data["bank_bik"]).upper()
        if value and not re.fullmatch(r"[0-9A-Z]{8}(?:[0-9A-Z]{3})?", value):
            raise forms.ValidationError(
                _("A BIK is 8 (or 11) Latin letters and digits, e.g. KKMFKZ2A."),
                code="bik_format",
            )
        return value


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["code", "name_kk", "name_ru", "kind", "region", "phone", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["code", "name_kk", "name_ru"]
    inlines = [ProvidedServiceInline]
    fieldsets = [
        (None, {"fields": ["kind", "code", "name_kk", "name_ru", "region", "is_active"]}),
        (
            None,
            {
                "fields": [
                    "district_kk",
                    "district_ru",
                    "address_kk",
                    "address_ru",
                    "phone",
                    "email",
                    "head_name",
                ]
            },
        ),
        (
            _("Hours"),
            {
                "fields": ["opens_at", "closes_at", "lunch_starts_at", "lunch_ends_at"],
                # The seeds give a provider's hours (seed 004) but none for the State
                # Corporation's centres: the values entered for those must be checked.
                "description": _(
                    "A filing after these hours, on a weekend or a holiday is registered on "
                    "the next working day. For a State Corporation service centre enter its "
                    "own hours: the service rules give none (verify with the centre)."
                ),
            },
        ),
        # Printed in the contracts the body signs (the patronat contract's details).
        (
            _("Bank details"),
            {"fields": ["bin", "bank_account", "bank_bik", "bank_name_kk", "bank_name_ru"]},
        ),
    ]
