"""Chat's part of a person's data (registered in accounts.personal_data by ChatConfig).

The export holds everything the person wrote (messages and questions, removed ones included),
their votes and the mutes placed on them. Erasing lifts their mutes; their messages and votes
stay in the rooms' history, shown as "deleted user" (the name is never stored with a message,
chat/frames.py reads it from the anonymised account).
"""

from chat.models import Message, Mute, Vote

MODELS = ["chat.Message", "chat.Vote", "chat.Mute"]


def export(user) -> dict:
    return {
        "messages": list(
            Message.objects.filter(author=user)
            .order_by("id")
            .values(
                "id",
                "event__slug",
                "session_id",
                "session__title",
                "kind",
                "author_role",
                "body",
                "created",
                "deleted",
                "answered",
                "votes",
            )
        ),
        "votes": list(
            Vote.objects.filter(user=user)
            .order_by("created", "id")
            .values("message_id", "message__body", "created")
        ),
        "mutes": list(
            Mute.objects.filter(user=user)
            .order_by("created", "id")
            .values("event__slug", "until", "created")
        ),
    }


def erase(user) -> dict:
    return {"mutes": Mute.objects.filter(user=user).delete()[0]}
