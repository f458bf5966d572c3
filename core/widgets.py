"""Form widgets every app may use."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe


class PlainSelect(forms.Select):
    """A `<select>` that writes its options in Python. Django's own renders two templates per
    option: with the taxonomy's ~180 topics that alone cost a filter page about 25 ms of CPU
    per request. Same markup, same context (`get_context`), so labels, `selected` and
    attributes behave exactly as Django's."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group, options, _index in widget["optgroups"]:
            if group is not None:
                parts.append(format_html('<optgroup label="{}">', group))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option["value"],
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group is not None:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 -- every part is escaped by format_html


def _escape(value) -> str:
    """`conditional_escape` without its lazy-string wrapper: thousands of calls per page."""
    if isinstance(value, SafeData):
        return str(value)
    return html.escape(str(value), quote=True)


def _attrs(attrs: dict) -> str:
    """Attributes in their order, as Django's `attrs.html` writes them (True: the bare name;
    False: left out)."""
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes written in Python, for the same reason as `PlainSelect`: Django renders four
    templates per option, and a picker over the taxonomy's ~2,400 topics took the need form
    close to a second of CPU. Same markup and context as Django's own."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        own = widget["attrs"]
        parts = ["<div"]
        if own.get("id"):
            parts.append(f' id="{_escape(own["id"])}"')
        if own.get("class"):
            parts.append(f' class="{_escape(own["class"])}"')
        parts.append(">")
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(f"<div><label>{_escape(group)}</label>")
            for option in options:
                attrs = option["attrs"]
                value = option["value"]
                box = (
                    f'<input type="{_escape(option["type"])}" name="{_escape(option["name"])}"'
                    + (f' value="{_escape(value)}"' if value is not None else "")
                    + f"{_attrs(attrs)}>"
                )
                if option.get("wrap_label"):
                    label_for = f' for="{_escape(attrs["id"])}"' if attrs.get("id") else ""
                    box = f"<label{label_for}>{box} {_escape(option['label'])}</label>"
                parts.append(f"<div>{box}</div>")
            if group:
                parts.append("</div>")
        parts.append("</div>")
        return mark_safe("".join(parts))  # noqa: S308 -- every value is escaped by _escape
