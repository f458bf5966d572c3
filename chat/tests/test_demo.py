import pytest
from django.core.management import call_command

from chat.models import Message
from events.demo import LIVE_SLUG
from events.models import Event

pytestmark = pytest.mark.slow  # seed_demo


@pytest.mark.django_db
def test_seed_demo_fills_the_live_session_once():
    call_command("seed_demo", verbosity=0)
    live = Event.objects.get(slug=LIVE_SLUG)
    messages = Message.objects.filter(event=live)
    count = messages.count()
    call_command("seed_demo", verbosity=0)
    session = messages.exclude(session=None).first().session
    assert count == messages.count() == 6
    assert session.chat_messages.count() == 5
    assert session.start <= live.start or session.chat_messages.first().created >= session.start
    assert messages.filter(kind="question").count() == 2
