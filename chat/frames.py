"""The JSON frames of the chat protocol. Each is encoded once and the same text goes to every
socket, so encoding stays out of the per-socket loop."""

import json
from datetime import UTC

from chat.models import Message

DELETED_USER = "deleted user"
# The largest frame a client may send (64 KiB); the server command caps frames at the same size
# (uvicorn --ws-max-size 65536, CHAT_WS_MAX_SIZE for runserver's daphne), this is the check
# inside the consumer for servers that do not.
MAX_FRAME = 65536


def encode(frame: dict) -> str:
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


def timestamp(value) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def message_frame(message: Message) -> dict:
    """A message or question as clients see it (the author must be joined already)."""
    author = message.author
    return {
        "type": message.kind,
        "id": message.pk,
        "client_id": message.client_id or None,
        "author": {
            "id": author.pk if author else None,
            "name": author.display_name if author else DELETED_USER,
            "role": message.author_role,
        },
        "body": message.body,
        "created": timestamp(message.created),
        "votes": message.votes,
        "pinned": message.pinned,
        "answered": message.answered,
    }


def history_frame(messages, has_more: bool) -> dict:
    return {
        "type": "history",
        "messages": [message_frame(m) for m in messages],
        "has_more": has_more,
    }


def error_frame(code: str, message: str) -> dict:
    return {"type": "error", "code": code, "message": message}
