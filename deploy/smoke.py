"""End-to-end check of the production layout (`make ci-extra`).

Brings up `deploy/serve.py` on a fresh PostgreSQL database and a Redis database of its own,
drives it as people would, then stops it and checks nothing is left:

- a page through nginx, answered by gunicorn (nginx's log names the upstream);
- a static file sent by nginx itself (its `expires max` header);
- a private session material: anonymous → sign-in page, signed in without a registration →
  404, nginx's internal location and /media/ from outside → 404; after registering through
  the form → the file's bytes, sent by nginx through X-Accel-Redirect;
- the registration's email, sent by the task worker (written to a file);
- a chat message between two sockets held by two different uvicorn processes (checked through
  /proc: each port is listened on by its own process), and a third socket through nginx;
  a frame over 64 KiB closes its socket with 1009;
- a body over nginx's limit → 413; /healthz → ok; /metrics → 404 without the token, and with
  it the figures of what happened (requests, queries, cache, channel layer, tasks, chat);
- a clean stop: the processes gone, the ports free.

    python -m deploy.smoke [--port 8240] [--run-dir run/smoke]
        [--database-server postgres://postgres@127.0.0.1:5432] [--redis-url redis://…/6]

The database yizhan_smoke on that PostgreSQL server is dropped and created afresh, and the Redis
database is flushed: give it one of its own. Exit 0 and a last JSON line on success; on any
failure the logs of every process, then exit 1.
"""

import argparse
import asyncio
import contextlib
import email
import email.policy
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.envfile import format_env, read_env_file  # noqa: E402
from deploy import serve  # noqa: E402

DEMO_PASSWORD = "yizhan-demo-2025"  # noqa: S105 - the demo accounts' published password
GUEST = "guest@demo.yizhan.local"
SECOND = "attendee1@demo.yizhan.local"
MATERIAL_NAME = "议程 讲义.txt"
MATERIAL_BYTES = "会议议程与讲义：只给已报名的人。\n".encode() * 50
STATIC_FOREVER = "Thu, 31 Dec 2037 23:55:55 GMT"  # nginx's `expires max`
WS_MAX = 65536


class SmokeError(AssertionError):
    pass


def check(condition, message: str) -> None:
    if not condition:
        raise SmokeError(message)


def say(message: str) -> None:
    print(f"smoke: {message}", flush=True)


# --- HTTP as a browser ------------------------------------------------------------------------
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path: str, *, data: dict | None = None, headers: dict | None = None):
        """(status, headers, body) without following redirects."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        url = self.base + path  # always http://127.0.0.1:<port>
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        request.add_header("Accept-Language", "zh-hans")
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")

    def form_token(self, path: str) -> str:
        status, _headers, body = self.request(path)
        check(status == 200, f"GET {path} answered {status}")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        check(match, f"{path} has no CSRF token")
        return match.group(1).decode()

    def sign_in(self, email_address: str) -> None:
        token = self.form_token("/accounts/login/")
        data = {"csrfmiddlewaretoken": token, "login": email_address, "password": DEMO_PASSWORD}
        status, headers, _body = self.request("/accounts/login/", data=data)
        check(status == 302, f"signing in {email_address} answered {status}")
        check(self.cookie("sessionid"), f"no session cookie for {email_address}")


# --- The processes behind the ports -----------------------------------------------------------
def listening_pid(port: int) -> int | None:
    """The process listening on 127.0.0.1:`port` (from /proc: socket inode → file descriptor)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError), open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{inode}]")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    if os.readlink(f"/proc/{pid}/fd/{fd}") in inodes:
                        return int(pid)
    return None


def group_members(pgid: int) -> list[int]:
    members = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            stat = Path(f"/proc/{pid}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(int(pid))
    return members


# --- Setting up ---------------------------------------------------------------------------------
def fresh_database(server_url: str, name: str) -> str:
    import psycopg
    from psycopg import sql

    base = server_url.rstrip("/")
    if base.count("/") > 2:  # a URL naming a database: keep the server part
        base = base.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
        name_sql = sql.Identifier(name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name_sql))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name_sql))
    return f"{base}/{name}"


def fresh_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url, socket_timeout=5).flushdb()


def setup_django(env: dict) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "forum.settings"
    import django

    django.setup()


def add_material():
    """A private file on the first session of the demo's upcoming event (the guest is not
    registered there yet), added as an organizer's form would."""
    from django.core.files.base import ContentFile

    from events.demo import UPCOMING_SLUG
    from events.models import Event
    from events.services.sessions import material_add

    event = Event.objects.get(slug=UPCOMING_SLUG)
    session = event.sessions.order_by("start", "pk").first()
    check(session is not None, "the upcoming demo event has no session")
    material = material_add(
        session=session, title="议程与讲义", file=ContentFile(MATERIAL_BYTES, name=MATERIAL_NAME)
    )
    return event, material


def open_chat_session() -> int:
    """A session of the live demo event whose chat room is open now."""
    from chat.selectors import session_room
    from events.demo import LIVE_SLUG
    from events.models import Session

    for session in Session.objects.filter(event__slug=LIVE_SLUG, chat_enabled=True):
        if session_room(session_id=session.pk).is_open():
            return session.pk
    raise SmokeError("no chat room of the live demo event is open")


# --- The checks -------------------------------------------------------------------------------
class Smoke:
    def __init__(self, *, port: int, run_dir: Path, state: dict, env: dict):
        self.port = port
        self.run_dir = run_dir
        self.state = state
        self.env = env
        self.base = f"http://127.0.0.1:{port}"
        self.access_log = run_dir / "logs" / "nginx-access.log"
        self.steps: list[str] = []

    def step(self, name: str) -> None:
        self.steps.append(name)
        say(name)

    def access_lines(self, needle: str) -> list[str]:
        text = self.access_log.read_text() if self.access_log.exists() else ""
        return [line for line in text.splitlines() if needle in line]

    def run(self) -> None:
        event, material = add_material()
        chat_session = open_chat_session()
        material_path = f"/events/{event.slug}/materials/{material.pk}/"
        web = f"127.0.0.1:{self.state['ports']['web']}"

        self.step("a page through nginx, answered by gunicorn")
        anonymous = Browser(self.base)
        status, _headers, body = anonymous.request("/")
        check(status == 200, f"GET / answered {status}")
        last = (self.access_lines('"GET / HTTP') or [""])[-1]
        check(f"upstream={web}" in last, f"/ was not answered by gunicorn: {last}")

        self.step("a static file sent by nginx")
        match = re.search(rb'href="(/static/[^"]+\.css)"', body)
        check(match, "the home page links no stylesheet")
        status, headers, css = anonymous.request(match.group(1).decode())
        check(status == 200 and css, f"the stylesheet answered {status}")
        check(headers.get("Expires") == STATIC_FOREVER, f"not nginx's static: {dict(headers)}")

        self.step("a private material: refused to the anonymous and to the unregistered")
        status, headers, _body = anonymous.request(material_path)
        check(status == 302, f"anonymous material answered {status}")
        check(headers["Location"].startswith("/accounts/login/"), headers["Location"])
        quoted = urllib.parse.quote(material.file.name)
        for path in (f"/media/{quoted}", f"/_protected_media/{quoted}"):
            status, _headers, body = anonymous.request(path)
            check(status == 404 and MATERIAL_BYTES not in body, f"{path} answered {status}")
        guest = Browser(self.base)
        guest.sign_in(GUEST)
        status, _headers, body = guest.request(material_path)
        check(status == 404 and MATERIAL_BYTES not in body, f"unregistered got {status}")

        self.step("a registration through the form")
        register = f"/events/{event.slug}/register/"
        token = guest.form_token(register)
        status, headers, _body = guest.request(
            register, data={"csrfmiddlewaretoken": token, "role": "guest"}
        )
        check(status == 302, f"registering answered {status}")
        check(headers["Location"] == f"/events/{event.slug}/", headers["Location"])
        from events.models import Registration

        registration = Registration.objects.get(event=event, user__email=GUEST)
        check(registration.status == Registration.Status.CONFIRMED, registration.status)

        self.step("the material for the registered, sent by nginx (X-Accel-Redirect)")
        status, headers, body = guest.request(material_path)
        check(status == 200, f"registered material answered {status}")
        check(body == MATERIAL_BYTES, f"the material's bytes differ ({len(body)} bytes)")
        check("X-Accel-Redirect" not in headers, "nginx passed X-Accel-Redirect on")
        disposition = headers.get("Content-Disposition", "")
        stored_name = Path(material.file.name).name  # the storage's safe form of the name
        check(disposition.endswith("''" + urllib.parse.quote(stored_name)), disposition)
        check(headers.get("Content-Type", "").startswith("text/plain"), headers["Content-Type"])

        direct = Browser(f"http://{web}")  # gunicorn itself: the view hands the file to nginx
        direct.cookies.set_cookie(next(c for c in guest.cookies if c.name == "sessionid"))
        status, headers, body = direct.request(material_path)
        accel = headers.get("X-Accel-Redirect", "")
        check(status == 200 and body == b"", f"the view itself answered {status}, {len(body)} B")
        check(accel == "/_protected_media/" + urllib.parse.quote(material.file.name), accel)

        self.step("the registration's email, sent by the task worker")
        message = self.wait_for_mail(GUEST)
        check(event.title in message, "the email does not name the event")

        self.step("chat between two uvicorn processes, and through nginx")
        asyncio.run(self.chat(guest, chat_session))

        self.step("nginx refuses a body over its limit")
        check(self.oversized_status("/accounts/login/") == 413, "a 13 MB body was not refused")

        self.step("/healthz")
        status, _headers, body = anonymous.request("/healthz")
        check(status == 200 and json.loads(body)["status"] == "ok", f"healthz: {status} {body}")

    def wait_for_mail(self, to: str, seconds: float = 60) -> str:
        mail_dir = Path(self.env["DJANGO_EMAIL_FILE_PATH"])
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for path in sorted(mail_dir.glob("*.log")):
                for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                    if not raw.strip():
                        continue
                    message = email.message_from_bytes(raw.strip(), policy=email.policy.default)
                    if message["To"] == to:
                        return message.get_body(("plain",)).get_content()
            time.sleep(0.5)
        raise SmokeError(f"no email to {to} within {seconds} s")

    async def chat(self, guest: Browser, session_id: int) -> None:
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed

        second = Browser(self.base)
        second.sign_in(SECOND)
        ws1, ws2 = self.state["ports"]["ws"]
        pids = {port: listening_pid(port) for port in (ws1, ws2)}
        expected = {
            ws1: self.state["processes"][f"yizhan-ws@{ws1}"],
            ws2: self.state["processes"][f"yizhan-ws@{ws2}"],
        }
        check(pids == expected, f"listening processes {pids}, started {expected}")
        check(pids[ws1] != pids[ws2], "both WebSocket ports belong to one process")

        path = f"/ws/sessions/{session_id}/"
        origin = self.base

        async def socket(port: int, browser: Browser):
            ws = await connect(
                f"ws://127.0.0.1:{port}{path}",
                origin=origin,
                additional_headers=[("Cookie", f"sessionid={browser.cookie('sessionid')}")],
                max_size=2**22,
            )
            first = json.loads(await asyncio.wait_for(ws.recv(), 20))
            check(first["type"] == "history", f"first frame on {port}: {first}")
            return ws

        async def next_message(ws, body: str) -> dict:
            while True:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 20))
                if frame.get("type") == "message" and frame.get("body") == body:
                    return frame

        one = await socket(ws1, guest)
        two = await socket(ws2, second)
        through_nginx = await socket(self.port, second)
        try:
            body = f"烟雾测试 {uuid.uuid4().hex[:8]}"
            await one.send(json.dumps({"type": "message", "body": body, "client_id": "smoke"}))
            on_two = await next_message(two, body)
            on_nginx = await next_message(through_nginx, body)
            on_one = await next_message(one, body)
            check(on_two["id"] == on_nginx["id"] == on_one["id"], "the copies differ")
            self.check_metrics(session_id, sockets=3)
        finally:
            for ws in (one, two, through_nginx):
                await ws.close()
        ws_ports = {f"upstream=127.0.0.1:{ws1}", f"upstream=127.0.0.1:{ws2}"}
        lines = self.access_lines(f'GET {path} HTTP/1.1" 101')
        check(any(p in line for line in lines for p in ws_ports), f"/ws/ not upgraded: {lines}")

        big = await socket(self.port, guest)
        await big.send(json.dumps({"type": "message", "body": "长" * (WS_MAX // 3 + 10)}))
        try:
            while True:
                await asyncio.wait_for(big.recv(), 20)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            check(code == 1009, f"an oversized frame closed the socket with {code}")

    def check_metrics(self, session_id: int, *, sockets: int) -> None:
        status, _headers, _body = Browser(self.base).request("/metrics")
        check(status == 404, f"/metrics without the token answered {status}")
        token = self.env["METRICS_TOKEN"]
        status, _headers, body = Browser(self.base).request(
            "/metrics", headers={"Authorization": f"Bearer {token}"}
        )
        check(status == 200, f"/metrics with the token answered {status}")
        samples = {}
        for line in body.decode().splitlines():
            if line and not line.startswith("#"):
                name, _sep, value = line.rpartition(" ")
                samples[name] = float(value)
        expected = {
            f'yizhan_chat_sockets{{room="session.{session_id}"}}': sockets,
            'yizhan_chat_messages_total{kind="message"}': 1,
            "yizhan_channel_layer_up": 1,
            'yizhan_tasks{state="ready"}': 0,
            'yizhan_tasks{state="failed"}': 0,
        }
        got = {name: samples.get(name) for name in expected}
        check(got == expected, f"metrics: {got}, expected {expected}")
        for name in (
            'django_http_requests_total_by_method_total{method="GET"}',
            'django_db_execute_total{alias="default",vendor="postgresql"}',
            'django_cache_get_total{backend="redis"}',
        ):
            check(samples.get(name, 0) > 0, f"metrics: {name} is {samples.get(name)}")

    def oversized_status(self, path: str) -> int:
        """nginx's answer to a request announcing a 13 MB body (refused before it is sent)."""
        with socket.create_connection(("127.0.0.1", self.port), 10) as conn:
            conn.sendall(
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                f"Content-Type: application/octet-stream\r\nContent-Length: {13 * 1024 * 1024}"
                "\r\nConnection: close\r\n\r\n".encode()
            )
            head = conn.recv(200).decode("latin-1")
        return int(head.split()[1])


# --- The run ----------------------------------------------------------------------------------
def wait_ready(process: subprocess.Popen, state_file: Path, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if state_file.exists():
            return json.loads(state_file.read_text())
        if process.poll() is not None:
            raise SmokeError(f"deploy/serve.py exited with {process.returncode}")
        time.sleep(0.5)
    raise SmokeError(f"the layout was not up within {seconds} s")


def stop_and_check(process: subprocess.Popen, state: dict | None, ports: list[int]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        returncode = process.wait(serve.STOP_SECONDS + 20)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        raise SmokeError("deploy/serve.py did not stop") from exc
    check(returncode == 0, f"deploy/serve.py stopped with {returncode}")
    if state:
        left = {name: group_members(pid) for name, pid in state["processes"].items()}
        left = {name: pids for name, pids in left.items() if pids}
        check(not left, f"processes left after the stop: {left}")
    busy = [port for port in ports if not serve.port_free(port)]
    check(not busy, f"ports still in use after the stop: {busy}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8240)
    parser.add_argument("--run-dir", type=Path, default=ROOT / "run" / "smoke")
    parser.add_argument("--start-seconds", type=float, default=300)
    parser.add_argument("--database-server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/6", help="flushed")
    args = parser.parse_args(argv)
    started = time.monotonic()
    run_dir = args.run_dir.resolve()
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)

    redis_url = args.redis_url
    env = serve.local_env(run_dir, args.port, {})
    env.update(
        DATABASE_URL=fresh_database(args.database_server, "yizhan_smoke"),
        REDIS_URL=redis_url,
        # 127.0.0.1 is not allowed: only the token opens /metrics here.
        METRICS_ALLOWED_IPS="192.0.2.1",
    )
    fresh_redis(redis_url)
    env_file = run_dir / "smoke.env"
    env_file.write_text(format_env(env))
    ports = [args.port + offset for offset in range(4)]

    say(f"starting the layout on port {args.port} (log: {run_dir / 'serve.log'})")
    with (run_dir / "serve.log").open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "deploy.serve", "--port", str(args.port)]
            + ["--run-dir", str(run_dir), "--env-file", str(env_file)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    state = None
    try:
        state = wait_ready(process, run_dir / "serve.json", args.start_seconds)
        up = time.monotonic() - started
        setup_django(read_env_file(env_file))
        smoke = Smoke(port=args.port, run_dir=run_dir, state=state, env=env)
        smoke.run()
        say("stopping the layout")
        stop_and_check(process, state, ports)
    except Exception as exc:
        say(f"FAILED: {type(exc).__name__}: {exc}")
        with contextlib.suppress(Exception):
            stop_and_check(process, state, ports)
        print((run_dir / "serve.log").read_text(errors="replace")[-4000:])
        print(serve.logs_tail(run_dir, lines=60))
        return 1
    result = {
        "smoke": "ok",
        "steps": len(smoke.steps),
        "start_seconds": round(up, 1),
        "total_seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
