import re

from django import forms

from core.widgets import PlainCheckboxes, PlainSelect


def _tags(html: str) -> list[str]:
    """The markup without the whitespace between tags, which Django's templates add."""
    pieces = re.findall(r"<[^>]+>[^<]*", re.sub(r">\s+<", "><", html.strip()))
    return [re.sub(r"\s+", " ", piece).strip() for piece in pieces]


def test_plain_select_renders_what_django_select_renders():
    choices = [("", "全部"), ("a&b", "水处理 <膜>"), ("c", "化工")]
    django = forms.Select(choices=choices, attrs={"id": "id_topic"}).render("topic", "a&b")
    plain = PlainSelect(choices=choices, attrs={"id": "id_topic"}).render("topic", "a&b")
    assert _tags(plain) == _tags(django)
    assert '<option value="a&amp;b" selected>水处理 &lt;膜&gt;</option>' in plain


def test_plain_select_renders_groups_like_django_select():
    choices = [("", "全部"), ("理科", [("m", "数学"), ("p", "物理")])]
    django = forms.Select(choices=choices).render("topic", "p")
    plain = PlainSelect(choices=choices).render("topic", "p")
    assert _tags(plain) == _tags(django)


def test_plain_checkboxes_render_what_django_checkboxes_render():
    choices = [("a&b", "水处理 <膜>"), ("c", "化工"), ("d", "材料")]
    attrs = {"id": "id_topics", "class": "picker"}
    django = forms.CheckboxSelectMultiple(choices=choices, attrs=attrs).render("topics", ["c"])
    plain = PlainCheckboxes(choices=choices, attrs=attrs).render("topics", ["c"])
    assert _tags(plain) == _tags(django)
    checked = (
        '<input type="checkbox" name="topics" value="c" id="id_topics_1" class="picker" checked>'
    )
    assert checked in plain


def test_plain_checkboxes_render_groups_like_django_checkboxes():
    choices = [("理科", [("m", "数学"), ("p", "物理")]), ("x", "其他")]
    django = forms.CheckboxSelectMultiple(choices=choices).render("topics", ["p"])
    plain = PlainCheckboxes(choices=choices).render("topics", ["p"])
    assert _tags(plain) == _tags(django)
