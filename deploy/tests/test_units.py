"""The systemd units: every process reads the one environment file, and each runs what the
project expects (the entry points, the frame cap, real management commands)."""

import runpy
import shlex
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import get_commands

from deploy import serve

UNITS = serve.UNITS
SERVICES = ["yizhan-web.service", "yizhan-ws@.service", "yizhan-worker.service"]
TIMERS = sorted(path.name for path in UNITS.glob("*.timer"))


def exec_start(unit_file: str) -> list[str]:
    (line,) = serve.unit_values(serve.read_unit(UNITS / unit_file), "ExecStart")
    return shlex.split(line)


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def timer_command(timer: str) -> str:
    (unit,) = serve.unit_values(serve.read_unit(UNITS / timer), "Unit", section="Timer")
    assert unit.startswith("yizhan-job@") and unit.endswith(".service"), unit
    return unit.removeprefix("yizhan-job@").removesuffix(".service")


@pytest.mark.parametrize("unit_file", [*SERVICES, "yizhan-job@.service"])
def test_every_service_reads_the_one_environment_file(unit_file):
    unit = serve.read_unit(UNITS / unit_file)
    assert serve.unit_values(unit, "EnvironmentFile") == ["/etc/yizhan/yizhan.env"]
    assert serve.unit_values(unit, "WorkingDirectory") == ["/srv/yizhan"]
    assert serve.unit_values(unit, "User") == ["yizhan"]


def test_pages_are_gunicorn_sync_workers_on_the_wsgi_application():
    argv = exec_start("yizhan-web.service")
    assert argv[0] == "/srv/yizhan/.venv/bin/gunicorn"
    assert option(argv, "--config") == "/srv/yizhan/deploy/gunicorn.conf.py"
    assert option(argv, "--bind") == "127.0.0.1:8001"
    config = runpy.run_path(str(serve.ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "forum.wsgi:application"
    assert settings.WSGI_APPLICATION == "forum.wsgi.application"
    assert (config["worker_class"], config["workers"] >= 2) == ("sync", True)


def test_websockets_are_uvicorn_on_the_asgi_application_with_a_64_kib_frame_cap():
    argv = exec_start("yizhan-ws@.service")
    assert argv[:2] == ["/srv/yizhan/.venv/bin/uvicorn", "forum.asgi:application"]
    assert settings.ASGI_APPLICATION == "forum.asgi.application"
    assert option(argv, "--port") == "%i"
    assert option(argv, "--ws-max-size") == "65536"
    assert option(argv, "--ws-per-message-deflate") == "false"


def test_chat_sockets_are_under_ws_which_nginx_sends_to_uvicorn():
    from chat.routing import websocket_urlpatterns

    assert [str(p.pattern).split("/")[0] for p in websocket_urlpatterns] == ["ws"] * len(
        websocket_urlpatterns
    )


def test_the_worker_runs_the_database_task_worker():
    assert exec_start("yizhan-worker.service")[1:3] == ["manage.py", "db_worker"]


def test_each_timer_runs_a_management_command_of_the_project():
    commands = get_commands()
    jobs = {timer: timer_command(timer) for timer in TIMERS}
    assert sorted(jobs.values()) == [
        "expire_introductions",
        "prune_db_task_results",
        "remind_overdue_needs",
        "send_event_reminders",
    ]
    assert [job for job in jobs.values() if job not in commands] == []
    for timer in TIMERS:
        unit = serve.read_unit(UNITS / timer)
        assert len(serve.unit_values(unit, "OnCalendar", section="Timer")) == 1, timer


def test_the_target_starts_every_service_and_timer():
    wants = " ".join(serve.unit_values(serve.read_unit(UNITS / "yizhan.target"), "Wants", "Unit"))
    expected = ["yizhan-web.service", "yizhan-ws@8101.service", "yizhan-ws@8102.service"]
    expected += ["yizhan-worker.service", *TIMERS]
    assert sorted(wants.split()) == sorted(expected)


def test_the_timed_jobs_in_the_deployment_guide_are_the_timers():
    guide = (serve.ROOT / "docs" / "deployment.md").read_text()
    for timer in TIMERS:
        assert f"`{timer}`" in guide, timer
        assert f"`{timer_command(timer)}`" in guide, timer


def test_make_serve_runs_the_units_commands_here(tmp_path):
    ws = serve.unit_process(
        "yizhan-ws@.service", instance="8212", env={"A": "1"}, run_dir=tmp_path, port=8212
    )
    assert ws.name == "yizhan-ws@8212"
    assert ws.argv[0] == str(serve.Path(serve.sys.executable).parent / "uvicorn")
    assert option(ws.argv, "--port") == "8212"
    assert ws.env == {"A": "1", "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    web = serve.unit_process("yizhan-web.service", env={}, run_dir=tmp_path, port=8211)
    assert option(web.argv, "--bind") == "127.0.0.1:8211"
    assert option(web.argv, "--config") == str(serve.ROOT / "deploy" / "gunicorn.conf.py")


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is missing")
def test_systemd_accepts_the_units(tmp_path):
    """`systemd-analyze verify` on the units, moved to this checkout (whose programs exist)."""
    for path in UNITS.iterdir():
        text = path.read_text().replace("/srv/yizhan", str(serve.ROOT))
        (tmp_path / path.name).write_text(text)
    names = ["yizhan.target", *SERVICES[:1], "yizhan-ws@8101.service", "yizhan-worker.service"]
    names += [f"yizhan-job@{timer_command(t)}.service" for t in TIMERS] + TIMERS
    result = subprocess.run(  # noqa: S603
        ["systemd-analyze", "verify", *names],  # noqa: S607
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
