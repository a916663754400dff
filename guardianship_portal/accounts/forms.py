"""Registration, login and admin forms. Every error message is translated."""

import re

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guardianship_portal.core.validators import normalise_phone

from .iin import parse_iin
from .models import Role, User


class IINField(forms.CharField):
    """12 digits; spaces are forgiven, the rest is checked by parse_iin."""

    def __init__(self, *, autocomplete: str = "off", **kwargs) -> None:
        """``autocomplete``: "username" where the IIN is the account's login (the login
        and registration forms), so the browser offers the saved one; elsewhere (a
        child's IIN, an applicant's at the counter) the browser offers nothing."""
        kwargs.setdefault("label", _("IIN"))
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("help_text", _("12 digits, as on your identity card."))
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": autocomplete, "pattern": r"[0-9 ]*"}
        )

    def clean(self, value):
        value = re.sub(r"\s", "", super().clean(value) or "")
        if value:
            parse_iin(value)
        return value


class RegistrationForm(forms.ModelForm):
    """An applicant creates an account with IIN, name, phone, email and password."""

    iin = IINField(autocomplete="username")
    # Typed by people with spaces, dashes or a leading 8; normalised in clean_phone.
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "+7 701 123 45 67"}
        ),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["iin", "last_name", "first_name", "middle_name", "phone", "email"]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def validate_unique(self) -> None:
        # Whether an IIN has an account is never told here (issue #13): registration
        # answers the same, and the owner is told by e-mail (accounts/actions.py).
        pass

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error(
                "password2",
                ValidationError(_("The two passwords differ."), code="password_mismatch"),
            )
        elif p1:
            user = User(
                iin=cleaned.get("iin", ""),
                last_name=cleaned.get("last_name", ""),
                first_name=cleaned.get("first_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(p1, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.role = Role.APPLICANT
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class IINAuthenticationForm(AuthenticationForm):
    """Log in with IIN and password."""

    username = IINField(help_text="", autocomplete="username")
    error_messages = {
        "invalid_login": _(
            "The IIN or the password is wrong. Check the digits of the IIN; the password is case-sensitive."
        ),
        "inactive": _("This account is disabled. Contact your provider organisation."),
    }

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["autofocus"] = True


class AdminUserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["iin", "last_name", "first_name", "middle_name", "role", "organisation"]


class AdminUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
