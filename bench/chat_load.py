"""Load test of the live chat: session rooms, N clients, a steady message rate.

Run from the repository root:  .venv/bin/python bench/chat_load.py [--scenario NAME]

It starts the server as production would (uvicorn, one ASGI worker process per core, the
channel layer and cache on REDIS_URL, the database on DATABASE_URL, DEBUG off), connects N
clients (default 300) with real session cookies to one session room, and has them send at a
steady rate (default 20 messages per second into the room, rate limit lifted) for a fixed time.
Every client, the sender included, must receive every message; it reports sent, delivered,
lost and end-to-end latency. It then raises the rate step by step to find the highest rate with
no loss and p99 <= 250 ms, and measures a minimal broadcast server written with the plain
`websockets` library the same way (the ceiling of this machine). Everything it starts it stops.
The last line printed is one JSON object.

Scenarios (--scenario): `room` (the default, above); `big-room`: 1,000 clients in one room at 5
messages a second, then the plain-websockets ceiling at 1,000 clients; `rooms`: 10 rooms of 100
clients at 20 messages a second each (200 a second in all, each delivered to its room's 100);
`all`: the three one after the other, the last line then holding one object per scenario. Each
result carries the load average before and after it (the machine may be shared). Servers
listen on ports of --ports (8131-8199).

Clients run in a few processes (--client-procs) so that the clients are not the bottleneck;
each message carries its send time (CLOCK_MONOTONIC, shared by all processes) in its client_id.
"""

import argparse
import asyncio
import base64
import contextlib
import json
import multiprocessing
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LADDER = [20, 40, 60, 80, 100, 120, 160, 200, 240, 320, 400, 480, 640, 800, 960, 1280]
P99_TARGET_MS = 250.0
BENCH_EVENT = "bench-chat-load"


# --- Clients (run in child processes) ---------------------------------------------------------
class _Client(asyncio.Protocol):
    """A minimal WebSocket client: the clients must cost little, or they, not the server, set
    the ceiling. Frames from a server are unmasked; each text frame is checked with two byte
    searches, never decoded as JSON."""

    MARKER = b'"client_id":"'

    def __init__(self, host: str, port: int, path: str, origin, cookie, stats: dict):
        self.request = (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\n"
            + (f"Origin: {origin}\r\n" if origin else "")
            + (f"Cookie: {cookie}\r\n" if cookie else "")
            + "\r\n"
        ).encode()
        self.stats = stats
        self.buffer = bytearray()
        self.upgraded = False
        self.ready = asyncio.get_running_loop().create_future()
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def connection_lost(self, exc):
        if not self.ready.done():
            self.ready.set_exception(ConnectionError("closed before the history frame"))

    def data_received(self, data):
        buffer = self.buffer
        buffer += data
        if not self.upgraded:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            if not buffer.startswith(b"HTTP/1.1 101"):
                self.ready.set_exception(ConnectionError(bytes(buffer[:60])))
                return
            del buffer[: end + 4]
            self.upgraded = True
        start, size = 0, len(buffer)
        while size - start >= 2:
            length, offset = buffer[start + 1] & 0x7F, start + 2
            if length == 126:
                if size - start < 4:
                    break
                length, offset = int.from_bytes(buffer[start + 2 : start + 4], "big"), start + 4
            elif length == 127:
                if size - start < 10:
                    break
                length, offset = int.from_bytes(buffer[start + 2 : start + 10], "big"), start + 10
            if size < offset + length:
                break
            opcode = buffer[start] & 0x0F
            if opcode == 1:
                self.on_text(buffer, offset, offset + length)
            elif opcode == 9:  # ping: answer pong
                self.send(bytes(buffer[offset : offset + length]), opcode=0xA)
            start = offset + length
        del buffer[:start]

    def on_text(self, buffer, begin, end):
        if not self.ready.done():
            if buffer.startswith(b'{"type":"history"', begin):
                self.ready.set_result(True)
            return
        if not buffer.startswith(b'{"type":"message"', begin):
            return
        i = buffer.find(self.MARKER, begin, end)
        if i < 0:
            return
        i += len(self.MARKER)
        cid = bytes(buffer[i : buffer.find(b'"', i, end)])
        stats = self.stats
        if not cid.startswith(stats["prefix"]):
            return
        now = time.monotonic()
        stats["latencies"].append(now - float(cid.rsplit(b":", 1)[1]))
        stats["delivered"] += 1
        stats["last"] = now

    def send(self, payload: bytes, opcode: int = 1):
        mask = os.urandom(4)
        n = len(payload)
        if n < 126:
            header = bytes([0x80 | opcode, 0x80 | n])
        else:
            header = bytes([0x80 | opcode, 0x80 | 126]) + n.to_bytes(2, "big")
        key = int.from_bytes((mask * (n // 4 + 1))[:n], "big")
        masked = (int.from_bytes(payload, "big") ^ key).to_bytes(n, "big") if n else b""
        self.transport.write(header + mask + masked)


async def _client_main(conn, uri: str, origin: str, people: list, index0: int, procs: int):
    """`people`: (cookie, path) of each client of this process (path None: the uri's)."""
    loop = asyncio.get_running_loop()
    parsed = urllib.parse.urlsplit(uri)
    stats = {"prefix": b"-1:", "delivered": 0, "last": 0.0, "latencies": array("d")}
    semaphore = asyncio.Semaphore(25)

    async def open_one(cookie, path):
        async with semaphore:
            for attempt in range(5):
                client = None
                try:
                    _, client = await loop.create_connection(
                        lambda: _Client(
                            parsed.hostname, parsed.port, path or parsed.path, origin, cookie, stats
                        ),
                        parsed.hostname,
                        parsed.port,
                    )
                    await asyncio.wait_for(client.ready, 30)
                    return client
                except (OSError, TimeoutError):
                    if client is not None:  # never count one person twice
                        client.transport.abort()
                    if attempt == 4:
                        raise
                    await asyncio.sleep(0.5)

    clients = await asyncio.gather(*(open_one(c, p) for c, p in people))
    conn.send(("ready", len(clients)))
    while True:
        command = await loop.run_in_executor(None, conn.recv)
        if command[0] == "stop":
            break
        _, step_id, rate, duration, start_at = command
        stats["prefix"] = f"{step_id}:".encode()
        stats["delivered"], stats["last"] = 0, 0.0
        del stats["latencies"][:]
        # This process sends its share of the room's rate, interleaved with the others.
        my_rate = rate / procs
        total = int(my_rate * duration)
        offset = index0 / rate
        sent = 0
        for k in range(total):
            target = start_at + offset + k / my_rate
            delay = target - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            cid = f"{step_id}:{index0}:{k}:{time.monotonic():.6f}"
            body = f"bench message {k} from client {index0}"
            frame = {"type": "message", "body": body, "client_id": cid}
            clients[k % len(clients)].send(json.dumps(frame).encode())
            sent += 1
        # Drain: until nothing arrives for a second (at most 5 s after the last send).
        end = time.monotonic()
        while time.monotonic() - end < 5:
            await asyncio.sleep(0.2)
            if time.monotonic() - max(stats["last"], end) > 1.0:
                break
        conn.send(("done", sent, stats["delivered"], stats["latencies"].tobytes()))
    for client in clients:
        client.send((1000).to_bytes(2, "big"), opcode=8)
        client.transport.close()


def client_process(conn, uri, origin, people, index0, procs):
    try:
        import uvloop

        uvloop.run(_client_main(conn, uri, origin, people, index0, procs))
    except Exception as exc:  # report rather than hang the parent
        conn.send(("error", repr(exc)))


# --- The ceiling: a minimal broadcast server with plain `websockets` --------------------------
async def _ceiling_main(port: int):
    import datetime as dt

    from websockets.asyncio.server import broadcast, serve
    from websockets.exceptions import ConnectionClosed

    clients = set()
    counter = [0]

    async def handler(ws):
        clients.add(ws)
        await ws.send('{"type":"history","messages":[],"has_more":false}')
        try:
            async for text in ws:
                data = json.loads(text)
                counter[0] += 1
                frame = {
                    "type": data["type"],
                    "id": counter[0],
                    "client_id": data.get("client_id"),
                    "author": {"id": 1, "name": "bench", "role": "guest"},
                    "body": data["body"],
                    "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "votes": 0,
                    "pinned": False,
                    "answered": False,
                }
                broadcast(clients, json.dumps(frame, ensure_ascii=False, separators=(",", ":")))
        except ConnectionClosed:
            pass
        finally:
            clients.discard(ws)

    async with serve(handler, "127.0.0.1", port, compression=None, ping_interval=None):
        await asyncio.Future()


def ceiling_server(port: int):
    import uvloop

    with contextlib.suppress(KeyboardInterrupt):
        uvloop.run(_ceiling_main(port))


# --- Fixture: a live event, a fresh session room, N registered people with sessions ----------
def prepare_database(clients: int, rooms: int = 1) -> tuple[list[int], list[str]]:
    subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True, env=os.environ
    )
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connections
    from django.utils import timezone

    from accounts.models import User
    from events.models import Event, Registration, Session
    from hosts.models import Host

    now = timezone.now()
    host, _ = Host.objects.get_or_create(
        slug="bench-host", defaults={"name": "Bench host", "status": Host.Status.APPROVED}
    )
    event, _ = Event.objects.update_or_create(
        slug=BENCH_EVENT,
        defaults={
            "host": host,
            "title": "Chat load benchmark",
            "status": Event.Status.PUBLISHED,
            "start": now - dt.timedelta(hours=1),
            "end": now + dt.timedelta(hours=6),
        },
    )
    sessions = [
        Session.objects.create(
            event=event,
            title=f"Load run {now:%Y-%m-%d %H:%M:%S} room {n + 1}",
            start=now - dt.timedelta(minutes=5),
            end=now + dt.timedelta(hours=2),
        )
        for n in range(rooms)
    ]
    emails = [f"bench-{i}@bench.invalid" for i in range(clients)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        [User(email=e, name=f"Bench {e.split('@')[0]}") for e in emails if e not in existing]
    )
    users = list(User.objects.filter(email__in=emails).order_by("email"))
    registered = set(
        Registration.objects.filter(event=event, status="confirmed").values_list(
            "user_id", flat=True
        )
    )
    Registration.objects.bulk_create(
        [Registration(event=event, user=u) for u in users if u.pk not in registered]
    )
    cookies = []
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={store.session_key}")
    connections.close_all()
    return [session.pk for session in sessions], cookies


def ensure_postgres_database(url: str) -> None:
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.OperationalError:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')


# --- Servers ----------------------------------------------------------------------------------
PORTS = range(8131, 8200)  # --ports: the range this bench may listen on


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def wait_for_port(port: int, proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


def wait_for_socket(port: int, proc, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.2)
    raise RuntimeError("server did not start")


def stop(proc) -> None:
    """Stop a server we started, and the workers it started (its own process group)."""
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def start_channels(port: int, workers: int):
    command = [
        PY,
        "-m",
        "uvicorn",
        "forum.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--ws",
        "websockets-sansio",
        "--ws-per-message-deflate",
        "false",
        "--ws-max-size",
        "65536",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(command, cwd=ROOT, env=os.environ, start_new_session=True)
    wait_for_port(port, proc)
    return proc


def start_ceiling(port: int):
    proc = subprocess.Popen(
        [PY, __file__, "--serve-ceiling", str(port)], cwd=ROOT, start_new_session=True
    )
    wait_for_socket(port, proc)
    return proc


# --- Measuring --------------------------------------------------------------------------------
class Clients:
    """N clients in a few processes, in one room or spread evenly over several (`paths`)."""

    def __init__(self, uri: str, origin, cookies: list, procs: int, paths=(None,)):
        ctx = multiprocessing.get_context("spawn")
        self.pipes, self.procs = [], []
        self.per_room = len(cookies) // len(paths)
        people = [(cookie, paths[i % len(paths)]) for i, cookie in enumerate(cookies)]
        shares = [people[i::procs] for i in range(procs)]
        for index, share in enumerate(shares):
            parent, child = ctx.Pipe()
            proc = ctx.Process(
                target=client_process, args=(child, uri, origin, share, index, procs), daemon=True
            )
            proc.start()
            self.pipes.append(parent)
            self.procs.append(proc)
        self.count = 0
        for pipe in self.pipes:
            self.count += self._expect(pipe, "ready", 120)[1]

    @staticmethod
    def _expect(pipe, kind: str, timeout: float):
        if not pipe.poll(timeout):
            raise RuntimeError(f"clients did not answer ({kind})")
        answer = pipe.recv()
        if answer[0] != kind:
            raise RuntimeError(f"clients failed: {answer}")
        return answer

    def step(self, step_id: int, rate: float, duration: float) -> dict:
        start_at = time.monotonic() + 0.5
        for pipe in self.pipes:
            pipe.send(("step", step_id, rate, duration, start_at))
        sent = delivered = 0
        latencies = array("d")
        for pipe in self.pipes:
            _, s, d, raw = self._expect(pipe, "done", duration + 60)
            sent += s
            delivered += d
            latencies.frombytes(raw)
        ordered = sorted(latencies)

        def pct(p):
            if not ordered:
                return None
            return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

        expected = sent * self.per_room  # each message reaches everyone in its room
        return {
            "rate": rate,
            "sent": sent,
            "delivered": delivered,
            "lost": max(0, expected - delivered),
            "duplicated": max(0, delivered - expected),
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
        }

    def close(self):
        for pipe in self.pipes:
            with contextlib.suppress(Exception):
                pipe.send(("stop",))
        for proc in self.procs:
            proc.join(10)
            if proc.is_alive():
                proc.terminate()


def ok(result: dict) -> bool:
    """Every client got every message exactly once, and p99 is within the target."""
    return (
        result["lost"] == 0
        and result["duplicated"] == 0
        and result["p99_ms"] is not None
        and result["p99_ms"] <= P99_TARGET_MS
    )


def ladder(clients: Clients, rate: float, args, label: str, climb=True) -> tuple[dict, float]:
    """The run at `rate`, then higher rates until one fails; returns (first run, max ok rate)."""
    steps = [rate] + [r for r in LADDER if r > rate]
    first, best = None, 0.0
    step_id = 0
    for r in steps[: args.max_steps]:
        # The machine may be shared: a step that fails is run once more before it counts.
        for _attempt in range(2):
            result = clients.step(step_id, r, args.duration)
            step_id += 1
            print(f"[{label}] {json.dumps(result)}", file=sys.stderr, flush=True)
            if ok(result):
                break
        first = first or result
        if not ok(result):
            break
        best = r
        if args.no_ladder or not climb:
            break
    return first, best


def _summary(run: dict, max_rate, ceiling_max) -> dict:
    return {
        "rate": run.get("rate"),
        "sent": run.get("sent"),
        "delivered": run.get("delivered"),
        "lost": run.get("lost"),
        "p50_ms": run.get("p50_ms"),
        "p99_ms": run.get("p99_ms"),
        "max_rate": max_rate,
        "ceiling_max_rate": ceiling_max,
        "ratio": round(max_rate / ceiling_max, 3) if ceiling_max and max_rate else None,
    }


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def measure(args, session_ids, cookies, *, clients, rooms, rate, label, climb):
    """Channels (uvicorn, --workers) then, for one room, the plain-websockets ceiling, with
    `clients` people in `rooms` rooms and `rate` messages a second into each room; Channels
    climbs the ladder only when `climb` (the ceiling always does)."""
    servers, group = [], None
    cookies = cookies[:clients]
    paths = [f"/ws/sessions/{pk}/" for pk in session_ids[:rooms]]
    load_before = _load()
    try:
        run, max_rate = {}, None
        if not args.skip_channels:
            port = free_port()
            servers.append(start_channels(port, args.workers))
            group = Clients(
                f"ws://127.0.0.1:{port}{paths[0]}",
                f"http://127.0.0.1:{port}",
                cookies,
                args.client_procs,
                paths=paths,
            )
            # The clients' rate is the total into all rooms.
            run, best = ladder(group, rate * rooms, args, f"channels {label}", climb)
            # Without the ladder there is no maximum to report, only the run at `rate`.
            max_rate = (best / rooms if best else 0.0) if climb else None
            run = {**run, "rate": rate}
            group.close()
            group = None
            stop(servers.pop())
        ceiling_max = None
        if not args.skip_ceiling and rooms == 1:
            port = free_port()
            servers.append(start_ceiling(port))
            group = Clients(f"ws://127.0.0.1:{port}/", None, [None] * clients, args.client_procs)
            _, ceiling_max = ladder(group, rate, args, f"ceiling {label}")
            group.close()
            group = None
            stop(servers.pop())
    finally:
        if group is not None:
            group.close()
        for proc in servers:
            stop(proc)
    return {
        "clients": clients,
        "rooms": rooms,
        "workers": args.workers,
        **_summary(run, max_rate, ceiling_max),
        "load_average": {"before": load_before, "after": _load()},
    }


SCENARIOS = {
    # name: (clients, rooms, messages a second into each room)
    "room": (None, 1, None),  # --clients and --rate (300 at 20), as before
    "big-room": (1000, 1, 5),
    "rooms": (1000, 10, 20),
}


def main() -> None:
    global PORTS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scenario",
        choices=[*SCENARIOS, "all"],
        default="room",
        help="room: --clients in one room from --rate up (default); big-room: 1,000 clients "
        "in one room at 5 msg/s, and the ceiling at 1,000; rooms: 10 rooms of 100 at 20 msg/s "
        "each; all: the three, one after the other",
    )
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--rate", type=float, default=20, help="messages per second into the room")
    parser.add_argument("--duration", type=float, default=10, help="seconds per step")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--client-procs", type=int, default=2)
    parser.add_argument("--max-steps", type=int, default=len(LADDER) + 1)
    parser.add_argument("--no-ladder", action="store_true", help="only the run at --rate")
    parser.add_argument("--skip-ceiling", action="store_true")
    parser.add_argument("--skip-channels", action="store_true", help="only the ceiling")
    parser.add_argument("--ports", default="8131-8199", help="ports the servers may listen on")
    parser.add_argument("--serve-ceiling", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_ceiling:
        ceiling_server(args.serve_ceiling)
        return
    first, _, last = args.ports.partition("-")
    PORTS = range(int(first), int(last or first) + 1)

    os.chdir(ROOT)
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/yizhan_bench")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "forum.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
            "DJANGO_LOG_LEVEL": "WARNING",
            "CHAT_RATE_LIMIT_COUNT": "0",  # lifted for the run
        }
    )
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    plans = {}
    for name in names:
        clients, rooms, rate = SCENARIOS[name]
        plans[name] = (clients or args.clients, rooms, rate or args.rate)
    ensure_postgres_database(os.environ["DATABASE_URL"])
    people = max(clients for clients, _, _ in plans.values())
    rooms = max(rooms for _, rooms, _ in plans.values())
    print(f"preparing {people} people and {rooms} fresh session room(s)…", file=sys.stderr)
    session_ids, cookies = prepare_database(people, rooms)

    results = {}
    for name, (clients, rooms, rate) in plans.items():
        results[name] = measure(
            args,
            session_ids,
            cookies,
            clients=clients,
            rooms=rooms,
            rate=rate,
            label=name,
            climb=name == "room",
        )
        print(f"[{name}] {json.dumps(results[name])}", file=sys.stderr, flush=True)
    if len(results) == 1:
        print(json.dumps(next(iter(results.values()))))
    else:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
