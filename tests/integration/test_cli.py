"""The `workstation-server` command line, run as a real subprocess against SQLite files."""

from __future__ import annotations

import contextlib
import socket
import sqlite3
import subprocess
import sys
import time
from importlib.metadata import entry_points
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select

from tests.support.signing import server_keys
from workstation.ids import uuid7
from workstation.security.passwords import verify_password
from workstation.server import audit, auth, refdata, sync
from workstation.server.config import ServerConfig, for_database
from workstation.server.db import make_engine, writer
from workstation.server.keys import read_keys
from workstation.server.models import audit_log, users

PROG = "workstation-server"


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in a fresh interpreter, as an operator would."""
    return subprocess.run(
        [sys.executable, "-m", "workstation.server.cli", *args],
        capture_output=True, text=True, input=stdin, timeout=120,
    )  # fmt: skip


def assert_one_line_error(
    result: subprocess.CompletedProcess[str], status: int, words: str
) -> None:
    """A refusal: the exit status, one stderr line in the standard form, no traceback."""
    assert result.returncode == status, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{PROG}: error: "), lines[0]
    assert words in lines[0], lines[0]
    assert "Traceback" not in result.stderr + result.stdout


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """An initialised SQLite server database with ward W1 (beds 1, 2, 10)."""
    path = tmp_path / "server.sqlite"
    result = run_cli("init", "--database", str(path))
    assert result.returncode == 0, result.stderr
    engine = keyed_engine(path)
    with writer(engine) as conn:
        refdata.add_ward(
            conn, ward_id="W1", name_en="Ward 1", name_zh="一病区", beds=["1", "2", "10"]
        )
        refdata.add_ward(conn, ward_id="W2", name_en="Ward 2", name_zh="二病区", beds=["1"])
    engine.dispose()
    return path


def keyed_engine(path: Path) -> Engine:
    """An engine on a database set up by `init`, holding its audit key (the file beside it)."""
    keys = read_keys(for_database(ServerConfig(), str(path)))
    return audit.with_key(make_engine(str(path)), keys.audit)


def admit(path: Path, patients: list[tuple[str, str, str, str]]) -> None:
    """Admit (record number, name, ward, bed) patients through the real sync push."""
    engine = keyed_engine(path)
    with writer(engine) as conn:
        auth.add_user(conn, username="dr_admit", password="admitting-pw-1", display_name="Dr Admit",
                      role="physician", wards=["W1", "W2"])  # fmt: skip
        doctor = next(u for u in auth.all_users(conn).values() if u.username == "dr_admit")
    wire = [{
        "event_id": uuid7(), "type": "PatientAdmitted", "patient_id": uuid7(),
        "author_id": doctor.user_id, "device_id": "pc-1", "device_seq": seq,
        "recorded_at": "2026-03-01T08:00:00.000Z",
        "payload": {"record_number": record, "name": name, "sex": "female",
                    "birth_date": "1950-01-01", "ward_id": ward, "bed": bed,
                    "admitted_at": "2026-03-01T08:00:00.000Z"},
    } for seq, (record, name, ward, bed) in enumerate(patients, start=1)]  # fmt: skip
    wire = server_keys(engine).sign_all(wire)
    results = sync.push(engine, pusher=doctor, device_id="pc-1", wire_events=wire)["results"]
    assert all(r["status"] == "accepted" for r in results), results
    engine.dispose()


def test_console_script_points_at_main() -> None:
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts.get(PROG) == "workstation.server.cli:main"


def test_init_creates_and_is_safe_to_repeat(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    first = run_cli("init", "--database", str(path))
    again = run_cli("init", "--database", str(path))
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    epoch = first.stdout.split("epoch ")[1].strip()
    assert epoch and epoch in again.stdout  # re-running keeps the epoch
    assert run_cli("verify-audit", "--database", str(path)).returncode == 0


def test_init_demo_prints_every_demo_login(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    result = run_cli("init", "--database", str(path), "--demo")
    assert result.returncode == 0, result.stderr
    logins = [line.split("\t") for line in result.stdout.splitlines() if "\t" in line]
    engine = keyed_engine(path)
    with writer(engine) as conn:
        roles = {r.username: r.role for r in conn.execute(select(users.c.username, users.c.role))}
    assert {username: role for username, role, _ in logins} == roles  # every user, right role
    for username, _, password in logins:
        assert auth.login(engine, username=username, password=password, device_id="pc-1")
    census = run_cli("patients", "--database", str(path)).stdout.splitlines()
    assert len(census) >= 20 and all(len(line.split("\t")) == 4 for line in census)
    again = run_cli("init", "--database", str(path), "--demo")
    assert_one_line_error(again, 1, "demo not loaded")


def test_user_add_with_given_password(database: Path) -> None:
    result = run_cli(
        "user", "add", "--database", str(database), "--username", "nurse_li", "--name", "Li Na",
        "--role", "nurse", "--wards", "W1,W2", "--password", "correct-horse-1", "--unlicensed",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "password:" not in result.stdout
    with sqlite3.connect(database) as conn:
        row = conn.execute(
            "SELECT display_name, role, wards, licensed, active, password_hash FROM users "
            "WHERE username = 'nurse_li'"
        ).fetchone()
        actions = [a for (a,) in conn.execute("SELECT action FROM audit_log ORDER BY audit_id")]
    assert row[:5] == ("Li Na", "nurse", "W1,W2", 0, 1)
    assert verify_password(row[5], "correct-horse-1")
    assert actions[-1] == "user_added"


def test_user_add_generates_and_prints_a_password(database: Path) -> None:
    result = run_cli(
        "user", "add", "--database", str(database), "--username", "dr_wu", "--name", "Wu Lei",
        "--role", "physician", "--wards", "W1", stdin="",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    password = result.stdout.split("password: ")[1].strip()
    engine = keyed_engine(database)
    with writer(engine) as conn:
        stored = conn.execute(
            select(users.c.password_hash).where(users.c.username == "dr_wu")
        ).scalar_one()
    assert verify_password(stored, password)
    login = auth.login(engine, username="dr_wu", password=password, device_id="pc-1")
    assert login["user"]["wards"] == ["W1"]


def test_user_add_refusals(database: Path) -> None:
    base = [
        "user",
        "add",
        "--database",
        str(database),
        "--name",
        "X",
        "--password",
        "long-enough-1",
    ]
    assert run_cli(*base, "--username", "a1", "--role", "nurse", "--wards", "W1").returncode == 0
    assert_one_line_error(
        run_cli(*base, "--username", "a1", "--role", "nurse"), 1, "already exists"
    )
    assert_one_line_error(run_cli(*base, "--username", "a2", "--role", "surgeon"), 2, "--role")
    assert_one_line_error(
        run_cli(*base, "--username", "a3", "--role", "nurse", "--wards", "W9"), 1, "W9"
    )
    short = ["user", "add", "--database", str(database), "--name", "X", "--username", "a4"]
    assert_one_line_error(
        run_cli(*short, "--role", "nurse", "--password", "short"), 1, "8 characters"
    )
    assert_one_line_error(run_cli("user", "add", "--database", str(database)), 2, "required")


def test_user_disable_ends_sessions_and_reset_password(database: Path) -> None:
    add = ["user", "add", "--database", str(database), "--username", "ph_zhao", "--name", "Zhao"]
    assert run_cli(*add, "--role", "pharmacist", "--password", "first-password-1").returncode == 0
    engine = keyed_engine(database)
    tokens = auth.login(engine, username="ph_zhao", password="first-password-1", device_id="pc-2")

    reset = run_cli("user", "reset-password", "--database", str(database), "--username", "ph_zhao")
    assert reset.returncode == 0, reset.stderr
    new_password = reset.stdout.split("password: ")[1].strip()
    with pytest.raises(auth.AuthError):
        auth.authenticate(engine, tokens["access_token"])  # the reset ended the old session
    fresh = auth.login(engine, username="ph_zhao", password=new_password, device_id="pc-2")

    disable = run_cli("user", "disable", "--database", str(database), "--username", "ph_zhao")
    assert disable.returncode == 0, disable.stderr
    with pytest.raises(auth.AuthError):
        auth.authenticate(engine, fresh["access_token"])
    with pytest.raises(auth.AuthError, match="disabled"):
        auth.login(engine, username="ph_zhao", password=new_password, device_id="pc-2")
    for action in ("disable", "reset-password", "unlock"):
        result = run_cli("user", action, "--database", str(database), "--username", "ghost")
        assert_one_line_error(result, 1, "no user 'ghost'")


def test_patients_lists_admitted_by_ward_then_bed(database: Path) -> None:
    admit(database, [
        ("MRN-3", "Chen Jie", "W2", "1"), ("MRN-1", "Wang Fang", "W1", "10"),
        ("MRN-2", "Zhang Wei", "W1", "2"),
    ])  # fmt: skip
    result = run_cli("patients", "--database", str(database))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "MRN-2\tZhang Wei\tW1\t2",
        "MRN-1\tWang Fang\tW1\t10",
        "MRN-3\tChen Jie\tW2\t1",
    ]


def test_verify_audit_intact_then_names_the_altered_row(database: Path) -> None:
    admit(database, [("MRN-1", "Wang Fang", "W1", "1"), ("MRN-2", "Zhang Wei", "W1", "2")])
    engine = keyed_engine(database)
    with writer(engine) as conn:
        ids = list(
            conn.execute(select(audit_log.c.audit_id).order_by(audit_log.c.audit_id)).scalars()
        )
    intact = run_cli("verify-audit", "--database", str(database))
    assert intact.returncode == 0, intact.stderr
    assert (
        intact.stdout.strip()
        == f"audit chain intact ({len(ids)} rows, keyed, 1 signed checkpoints)"
    )

    tampered = ids[len(ids) // 2]
    with sqlite3.connect(database) as conn:
        conn.execute(
            "UPDATE audit_log SET actor_id = 'someone-else' WHERE audit_id = ?", (tampered,)
        )
    broken = run_cli("verify-audit", "--database", str(database))
    assert broken.returncode == 1
    assert f"row {tampered}:" in broken.stdout
    assert "content does not match its hash" in broken.stdout


@pytest.mark.parametrize(
    ("args", "status", "words"),
    [
        (["frobnicate"], 2, "invalid choice"),
        ([], 2, "required"),
        (["patients"], 2, "--database"),
        (["backup", "--database", "x.sqlite"], 2, "--to"),
        (["serve", "--database", "x.sqlite", "--port", "99999"], 2, "not a port number"),
        (["patients", "--database", "mysql://u@h/x"], 1, "unsupported database"),
        (["patients", "--database", "postgresql://u:pw@h:notaport/d"], 1, "not a database URL"),
        (["patients", "--database", "postgresql://u:pw@127.0.0.1:1/d"], 1, "database error"),
        (["patients", "--database", "/no/such/folder/db.sqlite"], 1, "not found"),
        (["init", "--database", "/no/such/folder/db.sqlite"], 1, "folder does not exist"),
    ],
)
def test_bad_arguments_give_one_line(args: list[str], status: int, words: str) -> None:
    result = run_cli(*args)
    assert_one_line_error(result, status, words)
    assert ":pw@" not in result.stderr  # a password in the URL is never echoed


def test_uninitialised_database_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    for command in ("patients", "verify-audit", "serve"):
        assert_one_line_error(run_cli(command, "--database", str(empty)), 1, "not initialised")
    result = run_cli("backup", "--database", str(empty), "--to", str(tmp_path / "b.gz"))
    assert_one_line_error(result, 1, "not initialised")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_health_checks(database: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "workstation.server.cli", "serve", "--database", str(database),
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, server.communicate()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not come up"
                with contextlib.suppress(subprocess.TimeoutExpired):
                    server.wait(timeout=0.1)  # poll interval that also notices an early exit
        busy = run_cli(
            "serve", "--database", str(database), "--host", "127.0.0.1", "--port", str(port)
        )
        assert_one_line_error(busy, 1, f"cannot listen on 127.0.0.1:{port}")
    finally:
        server.terminate()
        server.wait(timeout=30)
