from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

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
