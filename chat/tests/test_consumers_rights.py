"""Rights that go while a socket is open: the socket closes with 4403, on every process (the
person's group), and every action re-checks them."""

import pytest
from channels.db import database_sync_to_async

from accounts.services import user_delete
from chat import consumers
from chat.models import Message
from chat.tests.conftest import frame, joined
from chat.tests.factories import MessageFactory
from events.models import Registration
from events.services.registrations import registration_cancel
from events.tests.factories import RegistrationFactory
from hosts.models import HostMembership
from hosts.services import membership_remove

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@database_sync_to_async
def _cancel(world, by):
    registration = Registration.objects.get(event=world.event, user=world.actor("attendee"))
    registration_cancel(registration=registration, by=by)


@database_sync_to_async
def _remove_staff(world, actor):
    membership_remove(membership=HostMembership.objects.get(user=world.actor(actor)))


async def test_cancelled_registration_closes_the_socket(live):
    attendee = await joined(live.actor("attendee"), live.path)
    in_lobby = await joined(live.actor("attendee"), live.lobby)
    bystander = await joined(live.actor("expert"), live.path)
    await _cancel(live, by=live.actor("host_staff"))
    assert await frame(attendee) == {"closed": 4403}
    assert await frame(in_lobby) == {"closed": 4403}
    await bystander.send_json_to({"type": "message", "body": "还在"})
    assert (await frame(bystander))["body"] == "还在"
    for communicator in (attendee, in_lobby, bystander):
        await communicator.disconnect()


async def test_removed_staff_member_is_closed_out(live):
    staff = await joined(live.actor("host_staff"), live.path)
    await _remove_staff(live, "host_staff")
    assert await frame(staff) == {"closed": 4403}
    await staff.disconnect()


async def test_removed_staff_member_with_a_registration_stays_but_moderates_no_more(live):
    staff = live.actor("host_staff")
    await database_sync_to_async(RegistrationFactory)(
        event=live.event, user=staff, status=Registration.Status.CONFIRMED
    )
    question_id = await database_sync_to_async(
        lambda: MessageFactory(session=live.session, kind=Message.Kind.QUESTION).pk
    )()
    communicator = await joined(staff, live.path)
    await _remove_staff(live, "host_staff")
    await communicator.send_json_to({"type": "pin", "message_id": question_id})
    error = await frame(communicator)
    assert (error["type"], error["code"]) == ("error", "forbidden")
    await communicator.send_json_to({"type": "question", "body": "我还能提问"})
    question = await frame(communicator)
    assert (question["body"], question["author"]["role"]) == ("我还能提问", "guest")
    await communicator.disconnect()


async def test_deleted_account_is_closed_out_and_never_posts_again(live):
    attendee = live.actor("attendee")
    communicator = await joined(attendee, live.path)
    await database_sync_to_async(user_delete)(user=attendee)
    assert await frame(communicator) == {"closed": 4403}
    await communicator.disconnect()
    assert await database_sync_to_async(Message.objects.count)() == 0


async def test_every_vote_rechecks_rights_in_the_database(live):
    question_id = await database_sync_to_async(
        lambda: MessageFactory(session=live.session, kind=Message.Kind.QUESTION).pk
    )()
    communicator = await joined(live.actor("attendee"), live.path)
    # A change that sends no signal (a bulk update) still counts at the next action.
    await database_sync_to_async(Registration.objects.filter(user=live.actor("attendee")).update)(
        status=Registration.Status.CANCELLED
    )
    await communicator.send_json_to({"type": "vote", "question_id": question_id})
    assert await frame(communicator) == {"closed": 4403}
    await communicator.disconnect()


async def test_posts_recheck_rights_after_a_while(live, monkeypatch):
    monkeypatch.setattr(consumers, "RECHECK_SECONDS", 0)
    communicator = await joined(live.actor("attendee"), live.path)
    await database_sync_to_async(Registration.objects.filter(user=live.actor("attendee")).update)(
        status=Registration.Status.CANCELLED
    )
    await communicator.send_json_to({"type": "message", "body": "还在吗"})
    assert await frame(communicator) == {"closed": 4403}
    await communicator.disconnect()
    assert await database_sync_to_async(Message.objects.count)() == 0


async def test_a_new_name_shows_on_the_next_message(live, monkeypatch):
    monkeypatch.setattr(consumers, "RECHECK_SECONDS", 0)
    attendee = live.actor("attendee")
    communicator = await joined(attendee, live.path)
    attendee.name = "新名字"
    await database_sync_to_async(attendee.save)()
    await communicator.send_json_to({"type": "message", "body": "你好"})
    assert (await frame(communicator))["author"]["name"] == "新名字"
    await communicator.disconnect()


async def test_speaker_taken_off_the_session_is_closed_out(live):
    speaker = await joined(live.actor("expert"), live.path)
    await database_sync_to_async(live.session.speakers.remove)(live.expert_profile)
    assert await frame(speaker) == {"closed": 4403}
    await speaker.disconnect()


async def test_speakers_cleared_from_the_expert_side_close_the_socket(live):
    speaker = await joined(live.actor("expert"), live.lobby)
    await database_sync_to_async(live.expert_profile.sessions.clear)()
    assert await frame(speaker) == {"closed": 4403}
    await speaker.disconnect()
