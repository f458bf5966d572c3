"""Chat's Prometheus figures, kept by the process that serves the sockets (core/metrics.py
adds up every process's when the metrics page is read)."""

import atexit
import os

from prometheus_client import Counter, Gauge, multiprocess

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


if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    # A process that stops takes its live socket counts with it (gunicorn's workers are also
    # marked by deploy/gunicorn.conf.py; a killed process is cleared when the folder is).
    atexit.register(lambda: multiprocess.mark_process_dead(os.getpid()))
