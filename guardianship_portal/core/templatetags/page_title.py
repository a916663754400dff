"""The page title's "Error:" prefix (GOV.UK pattern, WCAG 3.3.1): a screen reader user
hears that the form came back with errors before anything else on the page."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def error_title_prefix(*forms) -> str:
    """ "Error: " (in the active language) when one of ``forms`` was sent and has errors."""
    for form in forms:
        if form is not None and getattr(form, "is_bound", False) and form.errors:
            return _("Error:") + " "
    return ""
