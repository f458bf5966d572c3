from io import StringIO

import pytest
from django.core.management import call_command

from hosts.demo import HOST_SLUG, ORGANIZER_EMAIL
from hosts.models import Host
from needs.models import Need, NeedTransition
from needs.selectors import desk_figures, overdue_needs

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # seed_demo


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_needs_have_desk_histories_and_figures():
    _seed()
    host = Host.objects.get(slug=HOST_SLUG)
    figures = desk_figures(host=host)
    # 14 needs of the profiles demo, and matching's two needs of 思普润 with introductions
    # (one acknowledged and in progress).
    assert (figures.total, figures.responded, figures.resolved, figures.rated) == (16, 12, 5, 4)
    assert figures.responded_in_time == 10
    assert figures.average_satisfaction == 4.5
    assert [n.title for n in overdue_needs(host=host)] == ["浅海水声通信可靠性"]
    closed = Need.objects.get(status=Need.Status.CLOSED)
    assert closed.transitions.last().comment == "企业已与本地营销机构签约，双方确认需求撤回。"
    assert set(Need.objects.exclude(assignee=None).values_list("assignee__email", flat=True)) == {
        ORGANIZER_EMAIL
    }
    assert not Need.objects.filter(transitions__isnull=True).exists()
    assert not Need.objects.filter(topics=None).exists()
    for need in Need.objects.all():
        times = list(need.transitions.values_list("at", flat=True))
        assert times == sorted(times)
        assert times[0] == need.created_at


def test_demo_needs_second_run_changes_nothing():
    _seed()
    before = NeedTransition.objects.count()
    assert "nothing changed" in _seed()
    assert NeedTransition.objects.count() == before
