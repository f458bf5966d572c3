"""Demo: a lively room in the live event's current session, and a word in its lobby.

Only the session running at the moment `seed_demo` runs gets messages, once; a later run
changes nothing while that session still has them.
"""

import datetime as dt

from accounts.demo import GUEST_EMAIL
from accounts.models import User
from chat.models import Message, Vote
from core.demo import DemoContext
from events.demo import LIVE_SLUG
from events.models import Event, Registration
from events.services.seats import seats_recount
from hosts.demo import ORGANIZER_EMAIL

SESSION_MESSAGES = [
    # (author, kind, body, upvoted by)
    ("organizer", "message", "欢迎各位！本场交流全程开放提问，问题请发在右侧「提问」栏。", []),
    ("guest", "message", "您好，资料在哪里下载？", []),
    (
        "organizer",
        "message",
        "会议资料见 https://example.com/yizhan/slides ，会后也会发到邮箱。",
        [],
    ),
    ("guest", "question", "「赢才卡」的申请条件对初创企业有什么要求？", ["organizer", "guest"]),
    ("organizer", "question", "各位企业最希望专家在哪些方面提供帮助？", ["guest"]),
]


def seed(ctx: DemoContext) -> None:
    live = Event.objects.filter(slug=LIVE_SLUG).first()
    organizer = User.objects.filter(email=ORGANIZER_EMAIL).first()
    guest = User.objects.filter(email=GUEST_EMAIL).first()
    if live is None or organizer is None or guest is None:
        return
    # The guest account may join the live event's rooms.
    if not Registration.objects.filter(event=live, user=guest).exists():
        Registration.objects.create(
            event=live, user=guest, role=Registration.Role.GUEST, status="confirmed"
        )
        seats_recount(event=live)  # written outside the registration services
        ctx.changed(f"registered {guest.email} for {live.slug}")
    session = live.sessions.filter(start__lte=ctx.now, end__gt=ctx.now, chat_enabled=True).first()
    if session is None or session.chat_messages.exists():
        return
    authors = {"organizer": (organizer, Message.Role.ORGANIZER), "guest": (guest, "guest")}
    start = max(session.start, ctx.now - dt.timedelta(minutes=20))
    for index, (who, kind, body, voters) in enumerate(SESSION_MESSAGES):
        author, role = authors[who]
        message = Message.objects.create(
            event=live,
            session=session,
            kind=kind,
            author=author,
            author_role=role,
            body=body,
            votes=len(voters),
            created=start + dt.timedelta(minutes=2 * index),
        )
        for voter in voters:
            Vote.objects.create(message=message, user=authors[voter][0])
    if not live.chat_messages.filter(session=None).exists():
        Message.objects.create(
            event=live,
            author=organizer,
            author_role=Message.Role.ORGANIZER,
            body="大厅已开放：会前会后都可以在这里交流。",
            created=start,
        )
    ctx.changed(f"added chat messages to the session “{session.title}”")
