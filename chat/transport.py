"""Sending to one socket through the ASGI server's own `send`, without letting one slow socket
hold up a room.

The room hub hands the same message to hundreds of sockets in a loop. Awaiting each server
`send` in turn would make the whole room wait whenever one socket's buffer is full (the server
applies back-pressure by not returning from `send`). An Outbox runs the server's `send` at once
and only when the server makes it wait does it finish that send, and any later ones, in a task
of its own. Only public interfaces are used: the ASGI `send` callable and the coroutine
protocol (`send`/`close`, PEP 492), the same step Python 3.12's eager tasks take.
"""

import asyncio
import collections
import logging

logger = logging.getLogger(__name__)

# Frames waiting behind a socket that does not read: past this the socket is closed (1013, try
# again later) and its page reconnects and catches up from the database with `?after=`.
MAX_BACKLOG = 1000
TRY_AGAIN_LATER = 1013


class Outbox:
    __slots__ = ("send", "backlog", "task", "closed")

    def __init__(self, send):
        self.send = send
        self.backlog: collections.deque | None = None  # not None while a send is waiting
        self.task: asyncio.Task | None = None
        self.closed = False

    def put(self, message: dict) -> None:
        """Hand one ASGI message to the server, in order; never waits. Nothing goes out after
        a `websocket.close`."""
        if self.closed:
            return
        if message["type"] == "websocket.close":
            self.closed = True
        if self.backlog is not None:
            if len(self.backlog) >= MAX_BACKLOG and not self.closed:
                self.backlog.clear()
                message = {"type": "websocket.close", "code": TRY_AGAIN_LATER}
                self.closed = True
            self.backlog.append(message)
            return
        coroutine = self.send(message)
        try:
            waiting = coroutine.send(None)
        except StopIteration:
            return  # sent (the usual case: the server did not have to wait)
        except Exception:  # the socket went away under us; its disconnect cleans up
            self.closed = True
            return
        self.backlog = collections.deque()
        self.task = asyncio.get_running_loop().create_task(self._finish(coroutine, waiting))

    async def _finish(self, coroutine, waiting) -> None:
        try:
            try:
                while True:  # resume the server's send each time what it waits on is done
                    if waiting is None:
                        await asyncio.sleep(0)
                    else:
                        await waiting
                    waiting = coroutine.send(None)
            except StopIteration:
                pass
            while self.backlog:  # later messages, in order, in this task
                await self.send(self.backlog.popleft())
        except asyncio.CancelledError:
            coroutine.close()
            raise
        except Exception:  # the socket went away; its disconnect cleans up
            self.closed = True
            logger.debug("chat: a send failed; the socket is going away", exc_info=True)
        finally:
            self.backlog = None

    @property
    def waiting(self) -> int:
        """Messages queued behind a send the server made wait (0 for a reading socket)."""
        return len(self.backlog) if self.backlog is not None else 0

    def cancel(self) -> None:
        self.closed = True
        if self.task is not None and not self.task.done():
            self.task.cancel()
