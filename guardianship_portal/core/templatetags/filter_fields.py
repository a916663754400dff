"""What templates/_filter_field.html needs of a field: its options, grouped and marked
chosen by Django's own Select logic (``Select.optgroups``), and its value as the widget
writes it (a date as YYYY-MM-DD), without a template per option."""

from __future__ import annotations

from typing import Any

from django import forms, template

register = template.Library()


@register.filter
def field_options(field: forms.BoundField) -> list[tuple[Any, list[dict[str, Any]]]]:
    widget = field.field.widget
    assert isinstance(widget, forms.Select)
    groups = widget.optgroups(field.html_name, widget.format_value(field.value()))
    return [(name, options) for name, options, _index in groups]


@register.filter
def field_text(field: forms.BoundField) -> str:
    value = field.field.widget.format_value(field.value())
    return "" if value is None else str(value)
