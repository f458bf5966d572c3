"""Backups as docs/deployment.md says to take them: the database dump restores into a fresh
database with the data in it (PostgreSQL), and SQLite's online copy opens with the data."""

import os
import shutil
import sqlite3
import subprocess

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from events.tests.factories import EventFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))


def run(*argv: str) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not ON_POSTGRES, reason="a PostgreSQL dump: needs DATABASE_URL=postgres://…")
@pytest.mark.skipif(not shutil.which("pg_restore"), reason="PostgreSQL's client tools are missing")
def test_a_dump_restores_into_a_fresh_database_with_the_data(tmp_path):
    event = EventFactory(title="备份与恢复座谈会")
    server = DATABASE_URL.rsplit("/", 1)[0]
    dump = tmp_path / "yizhan.dump"
    run("pg_dump", "-Fc", "--no-owner", "-d", f"{server}/{connection.settings_dict['NAME']}",
        "-f", str(dump))  # fmt: skip
    fresh = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(fresh)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(fresh)))
    try:
        run("pg_restore", "--no-owner", "--exit-on-error", "-d", f"{server}/{fresh}", str(dump))
        with psycopg.connect(f"{server}/{fresh}") as restored:
            row = restored.execute(
                "SELECT slug, title FROM events_event WHERE id = %s", [event.pk]
            ).fetchone()
            migrations = restored.execute("SELECT count(*) FROM django_migrations").fetchone()
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(fresh)))
    assert row == (event.slug, "备份与恢复座谈会")
    assert migrations[0] > 0


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite copy: runs when the suite is on SQLite")
@pytest.mark.skipif(not shutil.which("sqlite3"), reason="the sqlite3 command is missing")
def test_sqlite_online_backup_opens_with_the_data(tmp_path):
    event = EventFactory(title="备份与恢复座谈会")
    copy = tmp_path / "yizhan-backup.sqlite3"
    run("sqlite3", str(connection.settings_dict["NAME"]), f".backup '{copy}'")
    with sqlite3.connect(copy) as restored:
        row = restored.execute(
            "SELECT slug, title FROM events_event WHERE id = ?", [event.pk]
        ).fetchone()
    assert row == (event.slug, "备份与恢复座谈会")
