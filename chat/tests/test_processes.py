"""Two server processes, one room: messages cross through Redis in both directions."""

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from chat.tests.conftest import session_cookie

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (
            os.environ.get("DATABASE_URL", "").startswith("postgres")
            and os.environ.get("REDIS_URL")
        ),
        reason="needs DATABASE_URL (PostgreSQL) and REDIS_URL",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int) -> subprocess.Popen:
    # The servers use this test's database (it commits: transaction=True) and secret key.
    database = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "uvicorn", "forum.asgi:application", "--port", str(port)]
    command += ["--host", "127.0.0.1", "--log-level", "warning", "--ws", "websockets-sansio"]
    command += ["--ws-max-size", "65536"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return process
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError("the server did not start")


async def _next_message(ws) -> dict:
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if frame["type"] in ("message", "question"):
            return frame


async def _cross(ports, cookies, path):
    from websockets.asyncio.client import connect

    sockets = []
    for port, cookie in zip(ports, cookies, strict=True):
        ws = await connect(
            f"ws://127.0.0.1:{port}{path}",
            origin=f"http://127.0.0.1:{port}",
            additional_headers=[("Cookie", cookie)],
        )
        assert json.loads(await ws.recv())["type"] == "history"
        sockets.append(ws)
    one, two = sockets
    await asyncio.sleep(0.5)  # both processes have subscribed to the room
    await one.send(json.dumps({"type": "message", "body": "从一号进程", "client_id": "p1"}))
    seen_by_two = await _next_message(two)
    assert (await _next_message(one))["id"] == seen_by_two["id"]
    await two.send(json.dumps({"type": "question", "body": "从二号进程"}))
    seen_by_one = await _next_message(one)
    await one.close()
    await two.close()
    return seen_by_two, seen_by_one


def test_messages_cross_between_two_server_processes(live):
    cookies = [session_cookie(live.actor("attendee")), session_cookie(live.actor("host_staff"))]
    ports = [_free_port(), _free_port()]
    servers = []
    try:
        servers = [_start_server(port) for port in ports]
        seen_by_two, seen_by_one = asyncio.run(_cross(ports, cookies, live.path))
    finally:
        for server in servers:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(5)
    assert (seen_by_two["body"], seen_by_two["client_id"]) == ("从一号进程", "p1")
    assert (seen_by_one["type"], seen_by_one["body"]) == ("question", "从二号进程")


async def _oversized(port, cookie, path):
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    ws = await connect(
        f"ws://127.0.0.1:{port}{path}",
        origin=f"http://127.0.0.1:{port}",
        additional_headers=[("Cookie", cookie)],
    )
    assert json.loads(await ws.recv())["type"] == "history"
    await ws.send(json.dumps({"type": "message", "body": "x" * 70_000}))
    try:
        while True:
            await asyncio.wait_for(ws.recv(), 10)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


def test_server_refuses_frames_over_64_kib(live):
    port = _free_port()
    server = _start_server(port)
    try:
        code = asyncio.run(_oversized(port, session_cookie(live.actor("attendee")), live.path))
    finally:
        server.terminate()
        server.wait(10)
    assert code == 1009  # message too big, with a close frame: the page reconnects
