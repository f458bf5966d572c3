"""Chat's Prometheus figures, kept by the process that serves the sockets (core/metrics.py
adds up every process's when the metrics page is read)."""

from prometheus_client import Counter, Gauge

# livesum: a process that ended no longer counts its sockets.
SOCKETS = Gauge(
    "yizhan_chat_sockets",
    "Open chat sockets per room (session.<id> or lobby.<event id>).",
    ["room"],
    multiprocess_mode="livesum",
)
MESSAGES = Counter(
    "yizhan_chat_messages", "Messages and questions stored from chat sockets.", ["kind"]
)


def socket_opened(room_key: str) -> None:
    SOCKETS.labels(room=room_key).inc()


def socket_closed(room_key: str) -> None:
    SOCKETS.labels(room=room_key).dec()


def message_stored(kind: str) -> None:
    MESSAGES.labels(kind=kind).inc()
