import datetime as dt
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from accounts.services import user_data_export, user_delete
from accounts.tests.factories import UserFactory
from chat.models import Message, Mute, Vote
from chat.tests.factories import MessageFactory

pytestmark = pytest.mark.django_db


def test_export_holds_messages_questions_votes_and_mutes():
    person = UserFactory(name="李四")
    message = MessageFactory(author=person, body="大家好")
    question = MessageFactory(
        author=person, session=message.session, kind=Message.Kind.QUESTION, body="膜寿命？"
    )
    other = MessageFactory(session=message.session, kind=Message.Kind.QUESTION, body="成本？")
    Vote.objects.create(message=other, user=person)
    until = timezone.now() + dt.timedelta(minutes=10)
    Mute.objects.create(event=message.event, user=person, until=until)

    data = json.loads(json.dumps(user_data_export(user=person), cls=DjangoJSONEncoder))["chat"]

    assert [(m["id"], m["kind"], m["body"]) for m in data["messages"]] == [
        (message.pk, "message", "大家好"),
        (question.pk, "question", "膜寿命？"),
    ]
    assert [(v["message_id"], v["message__body"]) for v in data["votes"]] == [(other.pk, "成本？")]
    assert [m["event__slug"] for m in data["mutes"]] == [message.event.slug]


def test_erase_lifts_mutes_and_leaves_messages_as_deleted_user():
    person = UserFactory(name="李四")
    message = MessageFactory(author=person, body="大家好")
    Mute.objects.create(
        event=message.event, user=person, until=timezone.now() + dt.timedelta(minutes=10)
    )

    deletion = user_delete(user=person)

    message.refresh_from_db()
    assert deletion.erased["chat"] == {"mutes": 1}
    assert Mute.objects.filter(user=person).exists() is False
    assert (message.author.name, message.author.display_name) == ("", "已注销用户")
