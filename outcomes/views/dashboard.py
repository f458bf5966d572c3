"""The organizer's dashboard, each chart's numbers as XLSX, and the monthly report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from events.models import Event
from outcomes import permissions as perms
from outcomes.charts import chart_by_key, charts, headlines
from outcomes.periods import Period, host_zone, month_period, period_parse
from outcomes.reports.content import monthly_report
from outcomes.reports.pdf import report_pdf
from outcomes.reports.xlsx import chart_xlsx, report_xlsx
from outcomes.selectors.dashboard import dashboard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PRESETS = (30, 90, 365)


def _period(request, host) -> Period:
    zone = host_zone(host)
    try:
        return period_parse(first=request.GET.get("from"), last=request.GET.get("to"), zone=zone)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return period_parse(first=None, last=None, zone=zone)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def dashboard_view(request, slug: str):
    host = perms.access_outcomes(request.user, slug)
    event = perms.access_host_event(request.user, host, request.GET.get("event"))
    period = _period(request, host)
    board = dashboard(host=host, period=period, event=event)
    chart_list = charts(board)
    today = timezone.localdate(timezone.now(), period.zone)
    context = {
        "host": host,
        "event": event,
        "board": board,
        "headlines": headlines(board),
        "charts": chart_list,
        "chart_data": [chart.as_json() for chart in chart_list],
        "events": Event.objects.filter(host=host)
        .exclude(status=Event.Status.DRAFT)
        .order_by("-start")
        .only("slug", "title", "title_en", "start")[:100],
        "presets": [(days, _preset(days, today, period.zone)) for days in PRESETS],
        "report_month": f"{(today.replace(day=1) - timezone.timedelta(days=1)):%Y-%m}",
    }
    return render(request, "outcomes/dashboard.html", context)


def _preset(days: int, today, zone) -> str:
    first = today - timezone.timedelta(days=days - 1)
    return Period(first=first, last=today, zone=zone).query()


@login_required
def chart_xlsx_view(request, slug: str, key: str):
    host = perms.access_outcomes(request.user, slug)
    event = perms.access_host_event(request.user, host, request.GET.get("event"))
    period = _period(request, host)
    chart = chart_by_key(dashboard(host=host, period=period, event=event), key)
    if chart is None:
        raise Http404
    name = f"{host.slug}-{key}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx"
    return _download(chart_xlsx(chart), XLSX, name)


@login_required
def report_view(request, slug: str):
    """The monthly report of `?month=YYYY-MM` as `?format=pdf` (default) or xlsx, in the
    page's language or `?lang=`."""
    host = perms.access_outcomes(request.user, slug)
    try:
        period = month_period(request.GET.get("month", ""), zone=host_zone(host))
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain")
    kind = request.GET.get("format", "pdf")
    if kind not in ("pdf", "xlsx"):
        return HttpResponse("format: pdf or xlsx", status=400, content_type="text/plain")
    language = request.GET.get("lang") or translation.get_language()
    if language not in ("en", "zh-hans"):
        language = "zh-hans"
    with translation.override(language):
        report = monthly_report(host=host, period=period)
        content = report_pdf(report) if kind == "pdf" else report_xlsx(report)
    name = f"{host.slug}-report-{period.first:%Y-%m}.{kind}"
    return _download(content, "application/pdf" if kind == "pdf" else XLSX, name)
