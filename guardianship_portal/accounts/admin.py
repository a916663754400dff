import contextlib

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import AdminUserChangeForm, AdminUserCreationForm
from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    list_display = ["iin", "last_name", "first_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation", "is_active", "is_staff"]
    search_fields = ["iin", "last_name", "first_name", "email", "phone"]
    ordering = ["last_name", "first_name"]
    fieldsets = [
        (None, {"fields": ["iin", "password"]}),
        (
            _("Person"),
            {
                "fields": [
                    "last_name",
                    "first_name",
                    "middle_name",
                    "phone",
                    "email",
                    "preferred_language",
                ]
            },
        ),
        (
            _("Role"),
            {
                "fields": [
                    "role",
                    "organisation",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "user_permissions",
                ]
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "iin",
                    "last_name",
                    "first_name",
                    "middle_name",
                    "role",
                    "organisation",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
    filter_horizontal = ["user_permissions"]


# Django's group form picks permissions with its two-list widget, whose script adds an
# aria-label to a plain span (WCAG 2.2 AA, aria-prohibited-attr): a labelled multiple
# select here instead.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    filter_horizontal = ()


# -- staff's second factor (django-otp's TOTP devices) --------------------------------------
# django-otp's own admin shows the secret and every technical field, in English. The
# administrator needs one thing: to see who has enrolled and to reset a lost phone
# (deleting the device: the next login enrols again).
with contextlib.suppress(NotRegistered):  # django_otp's admin is loaded first
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class SecondFactorDeviceAdmin(admin.ModelAdmin):
    list_display = ["person", "enrolled", "last_used"]
    list_select_related = ["user"]
    search_fields = ["user__iin", "user__last_name", "user__first_name"]
    ordering = ["user__last_name", "user__first_name"]
    fields = ["person", "enrolled", "last_used"]
    readonly_fields = ["person", "enrolled", "last_used"]

    @admin.display(description=_("Staff member"))
    def person(self, device: TOTPDevice) -> str:
        return f"{device.user.full_name} ({device.user.iin})"

    @admin.display(description=_("Enrolled"), boolean=True)
    def enrolled(self, device: TOTPDevice) -> bool:
        return device.confirmed

    @admin.display(description=_("Last used"))
    def last_used(self, device: TOTPDevice):
        return device.last_used_at or "—"

    def has_add_permission(self, request) -> bool:
        return False  # enrolment happens at the person's own login

    def has_change_permission(self, request, obj=None) -> bool:
        return False
