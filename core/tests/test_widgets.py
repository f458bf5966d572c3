import re

from django import forms

from core.widgets import PlainSelect


def _tags(html: str) -> list[str]:
    """The markup without the whitespace between tags, which Django's templates add."""
    return re.findall(r"<[^>]+>[^<]*", re.sub(r">\s+<", "><", html.strip()))


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
