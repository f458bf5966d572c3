"""`make serve`: the production layout on this machine, in the foreground.

nginx (Debian's package) on PORT in front of gunicorn (pages, PORT+1), two uvicorn processes
(WebSockets, PORT+2 and PORT+3) and the task worker, on PostgreSQL and Redis, all reading one
environment file. The processes are started with the ExecStart and Environment lines of the
systemd units in deploy/systemd/, and nginx with the site rendered from
deploy/nginx/yizhan.conf.template, so what runs here is what production runs.

    python -m deploy.serve [--port 8080] [--env-file FILE] [--run-dir run/serve] [--no-demo]
    python -m deploy.serve --stop [--run-dir run/serve]

Without --env-file it writes run/serve/yizhan.env: DATABASE_URL and REDIS_URL from the
environment (default: the PostgreSQL database yizhan_serve and Redis database 1 on this
machine), production settings otherwise, emails written to run/serve/mail/. Ctrl-C, SIGTERM
or `--stop` stops every process; the run folder keeps the logs (run/serve/logs/).
"""

import argparse
import contextlib
import json
import os
import pwd
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.envfile import format_env, read_env_file  # noqa: E402
from deploy import render  # noqa: E402

UNITS = ROOT / "deploy" / "systemd"
PRODUCTION_ROOT = "/srv/yizhan"
PRODUCTION_RUN = "/run/yizhan"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/yizhan_serve"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"
KEPT_FROM_SHELL = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "LOGNAME")
START_SECONDS = 60
STOP_SECONDS = 20


class ServeError(RuntimeError):
    pass


def log(message: str) -> None:
    print(f"serve: {message}", flush=True)


# --- The systemd units, read as the local layout's source ------------------------------------
def read_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """{section: [(key, value), ...]} of a systemd unit file (keys may repeat)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        key, _sep, value = line.partition("=")
        if current is None:
            raise ServeError(f"{path}: {line!r} is outside a section")
        current.append((key.strip(), value.strip()))
    return sections


def unit_values(unit: dict, key: str, section: str = "Service") -> list[str]:
    return [value for name, value in unit.get(section, []) if name == key]


@dataclass
class Process:
    name: str
    argv: list[str]
    env: dict[str, str]
    port: int | None = None
    popen: subprocess.Popen | None = field(default=None, repr=False)


def unit_process(
    unit_file: str, *, instance: str = "", env: dict, run_dir: Path, port: int | None = None
) -> Process:
    """The process a unit starts, moved to this checkout and run folder: /srv/yizhan becomes
    the project folder, /run/yizhan the run folder, %i the instance, and `--bind`'s address
    127.0.0.1:`port`."""
    unit = read_unit(UNITS / unit_file)

    def local(text: str) -> str:
        text = text.replace("%i", instance)
        # The programs of the virtualenv running this script (`make serve`: .venv).
        text = text.replace(f"{PRODUCTION_ROOT}/.venv/bin", str(Path(sys.executable).parent))
        text = text.replace(PRODUCTION_ROOT, str(ROOT)).replace(PRODUCTION_RUN, str(run_dir))
        return text

    (exec_start,) = unit_values(unit, "ExecStart")
    argv = [local(arg) for arg in shlex.split(exec_start)]
    if "--bind" in argv:
        argv[argv.index("--bind") + 1] = f"127.0.0.1:{port}"
    process_env = dict(env)
    for assignment in unit_values(unit, "Environment"):
        name, _sep, value = assignment.partition("=")
        process_env[name] = local(value)
    name = unit_file.replace("@.service", f"@{instance}").removesuffix(".service")
    return Process(name=name, argv=argv, env=process_env, port=port)


# --- The environment --------------------------------------------------------------------------
def local_env(run_dir: Path, port: int, previous: dict) -> dict[str, str]:
    """The environment file of `make serve`: production settings over plain HTTP on this
    machine. The secret key and metrics token survive restarts (sessions stay valid)."""
    origin = f"http://127.0.0.1:{port}"
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": previous.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"{origin},http://localhost:{port}",
        "DJANGO_SITE_URL": origin,
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        "REDIS_URL": os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
        "TASKS_BACKEND": "database",
        "DJANGO_MEDIA_ROOT": str(run_dir / "media"),
        "DJANGO_MEDIA_X_ACCEL_PREFIX": "/_protected_media/",
        "DJANGO_EMAIL_FILE_PATH": str(run_dir / "mail"),
        "METRICS_ENABLED": "1",
        "METRICS_TOKEN": previous.get("METRICS_TOKEN") or secrets.token_urlsafe(24),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def check_services(env: dict) -> None:
    """PostgreSQL and Redis answer; the database exists (created if not)."""
    import psycopg
    import redis
    from psycopg import sql

    url = env.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise ServeError("the layout runs on PostgreSQL: DATABASE_URL must be postgres://…")
    if not env.get("REDIS_URL"):
        raise ServeError("the layout runs on Redis: set REDIS_URL")
    base, _sep, name = url.rpartition("/")
    name = name.split("?")[0]
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                log(f"creating the PostgreSQL database {name}")
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as exc:
        raise ServeError(f"PostgreSQL does not answer at {base}: {exc}") from exc
    try:
        redis.Redis.from_url(env["REDIS_URL"], socket_timeout=5).ping()
    except redis.RedisError as exc:
        raise ServeError(f"Redis does not answer at {env['REDIS_URL']}: {exc}") from exc


def manage(env: dict, *args: str, log_file: Path) -> None:
    command = [sys.executable, "manage.py", *args]
    with log_file.open("a") as out:
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=out, check=False)
    if result.returncode != 0:
        raise ServeError(f"manage.py {' '.join(args)} failed (see {log_file})")


# --- Ports and processes ----------------------------------------------------------------------
def port_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
        return True
    return False


def nginx_user() -> str:
    """Workers of an nginx started by root run as the checkout's owner (who can read it)."""
    if os.geteuid() != 0:
        return ""
    return pwd.getpwuid(ROOT.stat().st_uid).pw_name


@dataclass
class Layout:
    port: int
    run_dir: Path
    env_file: Path | None
    demo: bool = True
    processes: list[Process] = field(default_factory=list)

    @property
    def ports(self) -> dict[str, int]:
        return {"nginx": self.port, "web": self.port + 1, "ws": [self.port + 2, self.port + 3]}

    def prepare(self) -> dict:
        for folder in ("logs", "nginx", "mail", "media"):
            (self.run_dir / folder).mkdir(parents=True, exist_ok=True)
        metrics = self.run_dir / "metrics"
        shutil.rmtree(metrics, ignore_errors=True)  # counters start again with the processes
        metrics.mkdir()
        if self.env_file is None:  # make serve's own, written afresh each start
            self.env_file = self.run_dir / "yizhan.env"
            previous = read_env_file(self.env_file) if self.env_file.exists() else {}
            self.env_file.write_text(format_env(local_env(self.run_dir, self.port, previous)))
            self.env_file.chmod(0o600)
        # Like systemd: the environment file and little else from the caller's shell.
        base = {name: os.environ[name] for name in KEPT_FROM_SHELL if name in os.environ}
        return {**base, **read_env_file(self.env_file)}

    def build(self, env: dict) -> None:
        web, (ws1, ws2) = self.ports["web"], self.ports["ws"]
        common = {"env": env, "run_dir": self.run_dir}
        self.processes = [
            unit_process("yizhan-web.service", port=web, **common),
            unit_process("yizhan-ws@.service", instance=str(ws1), port=ws1, **common),
            unit_process("yizhan-ws@.service", instance=str(ws2), port=ws2, **common),
            unit_process("yizhan-worker.service", **common),
        ]
        nginx_dir = self.run_dir / "nginx"
        site = render.site_context(
            read_env_file(self.env_file),
            root=str(ROOT),
            tls=False,
            http_port=self.port,
            listen_address="127.0.0.1",
            web=f"127.0.0.1:{web}",
            ws=[f"127.0.0.1:{ws1}", f"127.0.0.1:{ws2}"],
            access_log=str(self.run_dir / "logs" / "nginx-access.log"),
        )
        (nginx_dir / "yizhan.conf").write_text(render.render_site(site))
        (nginx_dir / "nginx.conf").write_text(
            render.render_local_main(run=str(self.run_dir), user=nginx_user())
        )
        nginx_argv = [NGINX, "-p", str(nginx_dir), "-c", str(nginx_dir / "nginx.conf")]
        nginx_argv += ["-e", str(self.run_dir / "logs" / "nginx-error.log")]
        test = subprocess.run([*nginx_argv, "-t", "-q"], capture_output=True, text=True)
        if test.returncode != 0:
            raise ServeError(f"nginx refuses the rendered config:\n{test.stderr}")
        self.processes.append(Process(name="nginx", argv=nginx_argv, env=env, port=self.port))

    def start(self) -> None:
        busy = [p.port for p in self.processes if p.port and not port_free(p.port)]
        if busy:
            raise ServeError(f"port(s) {busy} in use: stop what uses them or pick --port")
        for process in self.processes:
            out = (self.run_dir / "logs" / f"{process.name}.log").open("ab")
            process.popen = subprocess.Popen(
                process.argv,
                cwd=ROOT,
                env=process.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group: stopped as a whole
            )
            out.close()
        deadline = time.monotonic() + START_SECONDS
        waiting = [p for p in self.processes if p.port]
        while waiting:
            self.check_alive()
            waiting = [p for p in waiting if not port_open(p.port)]
            if time.monotonic() > deadline:
                names = ", ".join(p.name for p in waiting)
                raise ServeError(f"{names} did not open a port in {START_SECONDS} s")
            time.sleep(0.2)
        url = f"http://127.0.0.1:{self.port}/healthz"
        try:
            with urllib.request.urlopen(url, timeout=20) as response:
                health = json.load(response)
        except OSError as exc:
            raise ServeError(f"{url} did not answer 200: {exc}") from exc
        if health.get("status") != "ok":
            raise ServeError(f"{url} answered {health}")

    def check_alive(self) -> None:
        for process in self.processes:
            if process.popen is not None and process.popen.poll() is not None:
                raise ServeError(f"{process.name} exited with {process.popen.returncode}")

    def stop(self) -> None:
        """SIGTERM to every process group (nginx first: no new requests), then SIGKILL to
        what is left after STOP_SECONDS."""
        running = [p for p in reversed(self.processes) if p.popen and p.popen.poll() is None]
        for process in running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.popen.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for process in running:
            try:
                process.popen.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"{process.name} did not stop in {STOP_SECONDS} s: killing it")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.popen.pid, signal.SIGKILL)
                process.popen.wait(5)
        for process in running:  # workers of a group whose leader already left
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.popen.pid, signal.SIGKILL)

    def state(self) -> dict:
        return {
            "pid": os.getpid(),
            "url": f"http://127.0.0.1:{self.port}/",
            "env_file": str(self.env_file),
            "ports": self.ports,
            "processes": {p.name: p.popen.pid for p in self.processes if p.popen},
        }


def logs_tail(run_dir: Path, lines: int = 40) -> str:
    parts = []
    for path in sorted((run_dir / "logs").glob("*.log")):
        text = path.read_text(errors="replace").splitlines()[-lines:]
        parts.append(f"--- {path} ---\n" + "\n".join(text))
    return "\n".join(parts)


def serve(args) -> int:
    run_dir = args.run_dir.resolve()
    env_file = Path(args.env_file).resolve() if args.env_file else None
    layout = Layout(port=args.port, run_dir=run_dir, env_file=env_file, demo=args.demo)
    state_file = run_dir / "serve.json"
    stopping = []

    def on_signal(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        env = layout.prepare()
        check_services(env)
        setup_log = run_dir / "logs" / "setup.log"
        log("migrating the database and collecting static files")
        manage(env, "migrate", "--noinput", log_file=setup_log)
        manage(env, "collectstatic", "--noinput", log_file=setup_log)
        if layout.demo:
            log("loading the demo forum")
            manage(env, "seed_demo", log_file=setup_log)
        layout.build(env)
        log(f"starting {', '.join(p.name for p in layout.processes)}")
        layout.start()
        state_file.write_text(json.dumps(layout.state(), indent=2))
        log(f"ready: {layout.state()['url']}  (Ctrl-C or `make serve-stop` stops it)")
        log(f"logs in {run_dir / 'logs'}; emails, if written to files, in {run_dir / 'mail'}")
        while not stopping:
            layout.check_alive()
            time.sleep(0.5)
        log("stopping")
        return 0
    except ServeError as exc:
        log(f"error: {exc}")
        log("recent logs:\n" + logs_tail(run_dir))
        return 1
    finally:
        layout.stop()
        state_file.unlink(missing_ok=True)
        log("stopped")


def stop(args) -> int:
    state_file = args.run_dir.resolve() / "serve.json"
    if not state_file.exists():
        log(f"nothing to stop ({state_file} is absent)")
        return 0
    state = json.loads(state_file.read_text())
    with contextlib.suppress(ProcessLookupError):
        os.kill(state["pid"], signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS + 10
    while time.monotonic() < deadline:
        try:
            os.kill(state["pid"], 0)
        except ProcessLookupError:
            log("stopped")
            return 0
        time.sleep(0.2)
    log("the layout did not stop in time: killing its processes")
    for pid in state["processes"].values():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    return 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument("--run-dir", type=Path, default=ROOT / "run" / "serve")
    parser.add_argument("--env-file", help="use this environment file as it is")
    parser.add_argument("--no-demo", dest="demo", action="store_false", help="skip seed_demo")
    parser.add_argument("--stop", action="store_true", help="stop a running `make serve`")
    args = parser.parse_args(argv)
    return stop(args) if args.stop else serve(args)


if __name__ == "__main__":
    sys.exit(main())
