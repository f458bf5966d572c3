"""The dashboard, its XLSX downloads and the monthly report, as the organizer gets them."""

import io
import json
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from outcomes.tests.factories import local, scene, staffed_host

pytestmark = pytest.mark.django_db
JUNE = {"from": "2026-06-01", "to": "2026-06-30"}


def _charts(response) -> list[dict]:
    html = response.content.decode()
    data = re.search(r'<script id="outcomes-charts" type="application/json">(.*?)</script>', html)
    return json.loads(data.group(1))


@pytest.mark.parametrize("size", [1, 3])
def test_dashboard_constant_queries(client, django_assert_num_queries, size):
    host, staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=local(2026, 6, 30), copies=size)
    client.force_login(staff)
    url = reverse("outcomes:dashboard", args=[host.slug])
    # session, user, host, staff check; per period: events (2), meetings, chat, feedback (3),
    # introductions, needs, follow-ups = 10, twice; registrations and needs over time, the
    # needs by status and category, district, topic (and their names); the events menu; the
    # menu's hosts
    with django_assert_num_queries(31):
        response = client.get(url, JUNE, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    headline = {card.label: card.value for card in response.context["headlines"]}
    assert (headline["Events"], headline["Registrations"]) == (size, 2 * size)


def test_dashboard_passes_every_chart_to_the_page(client):
    host, staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=local(2026, 6, 30))
    client.force_login(staff)
    response = client.get(reverse("outcomes:dashboard", args=[host.slug]), JUNE)
    charts = {chart["key"]: chart for chart in _charts(response)}
    assert list(charts) == [
        "registrations_over_time",
        "registrations",
        "introductions",
        "chat",
        "feedback",
        "needs_over_time",
        "desk_rates",
        "needs_status",
        "needs_category",
        "needs_district",
        "needs_topic",
        "cooperation",
    ]
    assert charts["chat"]["series"][0]["data"] == [1, 1, 0, 2, 1]
    assert charts["desk_rates"]["series"][0]["data"] == [50.0, 50.0, 50.0]
    assert charts["cooperation"]["series"][0]["data"] == [0, 0, 0, 1, 0]
    assert 'src="/static/vendor/echarts/echarts.min.js"' in response.content.decode()


def test_dashboard_of_one_event_leaves_needs_out(client):
    host, staff = staffed_host()
    made = scene(host, day=local(2026, 6, 10), now=local(2026, 6, 30))
    client.force_login(staff)
    response = client.get(
        reverse("outcomes:dashboard", args=[host.slug]), {**JUNE, "event": made["events"][0].slug}
    )
    assert [chart["key"] for chart in _charts(response)] == [
        "registrations_over_time",
        "registrations",
        "meetings",
        "chat",
        "feedback",
    ]


def test_dashboard_with_a_malformed_date_says_so_and_shows_the_default(client):
    host, staff = staffed_host()
    client.force_login(staff)
    response = client.get(reverse("outcomes:dashboard", args=[host.slug]), {"from": "soon"})
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "“from”必须是 YYYY-MM-DD 格式的日期。"
    ]
    assert response.context["board"].period.days == 90


def test_chart_xlsx_holds_the_charts_numbers(client):
    host, staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=local(2026, 6, 30))
    client.force_login(staff)
    response = client.get(
        reverse("outcomes:chart_xlsx", args=[host.slug, "chat"]), JUNE, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="{host.slug}-chat-20260601-20260630.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        [None, "This period", "Previous period"],
        ["Messages", 1, 0],
        ["Questions", 1, 0],
        ["Questions answered", 0, 0],
        ["Votes on questions", 2, 0],
        ["People who wrote", 1, 0],
    ]


def test_chart_xlsx_of_an_unknown_chart_is_404(client):
    host, staff = staffed_host()
    client.force_login(staff)
    url = reverse("outcomes:chart_xlsx", args=[host.slug, "nothing"])
    assert client.get(url).status_code == 404


def test_report_pdf_has_the_three_rates_in_chinese(client):
    host, staff = staffed_host()
    scene(host, day=local(2026, 6, 10), now=local(2026, 6, 30))
    client.force_login(staff)
    response = client.get(
        reverse("outcomes:report", args=[host.slug]), {"month": "2026-06", "format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    # pypdf reads this font's characters as UTF-16 units: drop the NULs and the spaces.
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = "".join(p.extract_text().replace("\x00", "") for p in pages)
    text = "".join(text.split())
    for label in ("响应率", "办结率", "满意度", "50.0%", "4.00/5"):
        assert label in text


@pytest.mark.parametrize("month", ["2026-13", "June", ""])
def test_report_refuses_a_malformed_month(client, month):
    host, staff = staffed_host()
    client.force_login(staff)
    response = client.get(reverse("outcomes:report", args=[host.slug]), {"month": month})
    assert (response.status_code, response.content.decode()) == (
        400,
        "请以 YYYY-MM 的格式填写月份，例如 2025-03。",
    )
