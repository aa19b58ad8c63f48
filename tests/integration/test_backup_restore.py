"""Logical backup and restore: every row survives, a new epoch starts, the audit chain holds."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, func, inspect, select

from tests.support.signing import server_keys
from workstation.ids import uuid7
from workstation.server import audit, auth, backup, refdata, sync
from workstation.server.audit import AuditEntry
from workstation.server.db import make_engine, reader, writer
from workstation.server.models import audit_log, events, server_meta
from workstation.server.setup import initialise

PROG = "workstation-server"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "workstation.server.cli", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def assert_one_line_error(result: subprocess.CompletedProcess[str], words: str) -> None:
    """Exit 1 with one `workstation-server: error:` line naming the problem, no traceback."""
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{PROG}: error: "), result.stderr
    assert words in lines[0], lines[0]
    assert "Traceback" not in result.stderr


def seeded_server(path: Path, patients: int = 3) -> tuple[Engine, list[dict[str, Any]]]:
    """An initialised database with a ward, a physician and patients admitted with a problem each,
    all through the real sync push; returns the engine and the pushed wire events."""
    engine = make_engine(str(path))
    initialise(engine)
    with writer(engine) as conn:
        refdata.add_ward(
            conn, ward_id="W1", name_en="Ward 1", name_zh="一病区", beds=["1", "2", "3"]
        )
        auth.add_user(conn, username="dr_lin", password="doctor-password-1", display_name="Dr Lin",
                      role="physician", wards=["W1"])  # fmt: skip
        refdata.publish_directory(conn)
        doctor = next(u for u in auth.all_users(conn).values() if u.username == "dr_lin")
    wire: list[dict[str, Any]] = []
    for number in range(1, patients + 1):
        patient_id = uuid7()
        admitted = {"record_number": f"MRN-{number}", "name": f"Patient {number}", "sex": "male",
                    "birth_date": "1948-05-17", "ward_id": "W1", "bed": str(number),
                    "admitted_at": "2026-03-01T08:00:00.000Z"}  # fmt: skip
        problem = {"description": "Community-acquired pneumonia", "status": "active"}
        for kind, payload in (("PatientAdmitted", admitted), ("ProblemRecorded", problem)):
            wire.append({
                "event_id": uuid7(), "type": kind, "patient_id": patient_id,
                "author_id": doctor.user_id, "device_id": "pc-1", "device_seq": len(wire) + 1,
                "recorded_at": "2026-03-01T08:00:00.000Z", "payload": payload,
            })  # fmt: skip
    wire = server_keys(engine).sign_all(wire)
    results = sync.push(engine, pusher=doctor, device_id="pc-1", wire_events=wire)["results"]
    assert all(r["status"] == "accepted" for r in results), results
    return engine, wire


def all_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every server table, in primary-key order."""
    with reader(engine) as conn:
        return {
            str(table.name): [
                tuple(row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in backup.tables_in_order()
        }


def epoch_of(engine: Engine) -> str:
    """The server's epoch id."""
    with reader(engine) as conn:
        return conn.execute(
            select(server_meta.c.value).where(server_meta.c.key == "epoch")
        ).scalar_one()


def test_round_trip_keeps_every_row_and_starts_a_new_epoch(tmp_path: Path) -> None:
    source, wire = seeded_server(tmp_path / "source.sqlite")
    before, old_epoch = all_rows(source), epoch_of(source)
    file = tmp_path / "server.backup.gz"

    made = run_cli("backup", "--database", str(tmp_path / "source.sqlite"), "--to", str(file))
    assert made.returncode == 0, made.stderr
    restored_path = tmp_path / "restored.sqlite"
    done = run_cli("restore", "--from", str(file), "--database", str(restored_path))
    assert done.returncode == 0, done.stderr

    restored = make_engine(str(restored_path))
    after = all_rows(restored)
    assert len(after["events"]) == len(wire)
    for name, rows in before.items():
        if name not in ("server_meta", "audit_log"):
            assert after[name] == rows, name  # events, projections, users, refdata: all identical
    assert after["audit_log"][:-1] == before["audit_log"]  # the old chain, then the restore row
    new_epoch = epoch_of(restored)
    assert new_epoch != old_epoch and new_epoch in done.stdout

    with reader(restored) as conn:
        restore_row = conn.execute(select(audit_log).order_by(audit_log.c.audit_id.desc())).first()
    assert restore_row.action == "restore"
    assert old_epoch in restore_row.detail and new_epoch in restore_row.detail
    assert audit.verify(restored) is None
    verified = run_cli("verify-audit", "--database", str(restored_path))
    assert verified.stdout.strip() == f"audit chain intact ({len(after['audit_log'])} rows)"


def test_restored_server_recognises_old_events_and_continues_the_sequence(tmp_path: Path) -> None:
    source, wire = seeded_server(tmp_path / "source.sqlite", patients=2)
    backup.backup(source, tmp_path / "b.gz")
    restored = make_engine(str(tmp_path / "restored.sqlite"))
    backup.restore(restored, tmp_path / "b.gz")

    with reader(restored) as conn:
        doctor = next(u for u in auth.all_users(conn).values() if u.username == "dr_lin")
    replay = sync.push(restored, pusher=doctor, device_id="pc-1", wire_events=wire[:2])
    assert [r["status"] for r in replay["results"]] == ["duplicate", "duplicate"]
    assert [r["server_seq"] for r in replay["results"]] == [1, 2]
    fresh = {**wire[1], "event_id": uuid7(), "device_seq": len(wire) + 1}
    fresh = server_keys(source).sign(fresh)  # the key the restored server has from the backup
    accepted = sync.push(restored, pusher=doctor, device_id="pc-1", wire_events=[fresh])
    assert accepted["results"][0] == {"event_id": fresh["event_id"], "status": "accepted",
                                      "server_seq": len(wire) + 1}  # fmt: skip
    assert accepted["epoch"] != epoch_of(source)


def test_restore_into_a_database_with_data_is_refused_unless_forced(tmp_path: Path) -> None:
    seeded_server(tmp_path / "source.sqlite", patients=2)
    file = tmp_path / "b.gz"
    assert (
        run_cli(
            "backup", "--database", str(tmp_path / "source.sqlite"), "--to", str(file)
        ).returncode
        == 0
    )
    target_path = tmp_path / "target.sqlite"
    target, _ = seeded_server(target_path, patients=1)
    target_rows, target_epoch = all_rows(target), epoch_of(target)

    refused = run_cli("restore", "--from", str(file), "--database", str(target_path))
    assert_one_line_error(refused, "not empty")
    assert all_rows(target) == target_rows and epoch_of(target) == target_epoch

    forced = run_cli("restore", "--from", str(file), "--database", str(target_path), "--force")
    assert forced.returncode == 0, forced.stderr
    with reader(target) as conn:
        assert conn.execute(select(func.count()).select_from(events)).scalar_one() == 4
    assert epoch_of(target) != target_epoch
    assert audit.verify(target) is None


def _truncated_copy(file: Path, target: Path, keep_lines: int) -> None:
    with gzip.open(file, "rb") as whole, gzip.open(target, "wb") as part:
        for number, line in enumerate(whole):
            if number < keep_lines:
                part.write(line)


def test_damaged_backups_are_refused_and_leave_no_rows(tmp_path: Path) -> None:
    source, _ = seeded_server(tmp_path / "source.sqlite")
    file = tmp_path / "b.gz"
    backup.backup(source, file)
    with gzip.open(file, "rb") as stream:
        lines = sum(1 for _ in stream)
    truncated, not_gzip = tmp_path / "truncated.gz", tmp_path / "notes.txt"
    _truncated_copy(file, truncated, keep_lines=lines - 1)  # everything but the trailer
    not_gzip.write_text("this is not a backup\n", encoding="utf-8")

    target_path = tmp_path / "target.sqlite"
    assert_one_line_error(run_cli("restore", "--from", str(truncated), "--database", str(target_path)),
                          "truncated")  # fmt: skip
    assert not any(all_rows(make_engine(str(target_path))).values())  # nothing half-loaded
    assert_one_line_error(run_cli("restore", "--from", str(not_gzip), "--database", str(target_path)),
                          "not a readable backup")  # fmt: skip
    missing = run_cli(
        "restore", "--from", str(tmp_path / "gone.gz"), "--database", str(target_path)
    )
    assert_one_line_error(missing, "backup file not found")
    assert run_cli("restore", "--from", str(file), "--database", str(target_path)).returncode == 0


def test_backup_does_not_overwrite_without_force(tmp_path: Path) -> None:
    seeded_server(tmp_path / "source.sqlite", patients=1)
    file = tmp_path / "b.gz"
    file.write_bytes(b"an older backup")
    args = ["backup", "--database", str(tmp_path / "source.sqlite"), "--to", str(file)]
    assert_one_line_error(run_cli(*args), "file exists")
    assert file.read_bytes() == b"an older backup"
    assert run_cli(*args, "--force").returncode == 0
    assert backup.read_header(file)["schema_revision"]


def test_large_tables_restore_in_batches(tmp_path: Path) -> None:
    source, _ = seeded_server(tmp_path / "source.sqlite", patients=1)
    audit.record(source, [AuditEntry("chart_opened", None, detail={"n": n}) for n in range(2500)])
    expected = all_rows(source)["audit_log"]
    backup.backup(source, tmp_path / "b.gz")

    restored = make_engine(str(tmp_path / "restored.sqlite"))
    audit_batches: list[int] = []

    @event.listens_for(restored, "before_cursor_execute")
    def _count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO audit_log") and executemany:
            audit_batches.append(len(parameters))

    backup.restore(restored, tmp_path / "b.gz")
    rows = all_rows(restored)["audit_log"]  # and the restore's own row, in the record chain
    assert len(rows) == len(expected) + 1 and [row for row in rows if row in expected] == expected
    assert max(audit_batches) <= backup.BATCH_ROWS and sum(audit_batches) == len(expected)
    assert audit.verify(restored) is None


def test_backup_covers_every_table_of_the_schema(tmp_path: Path) -> None:
    tables = backup.tables_in_order()
    source, _ = seeded_server(tmp_path / "source.sqlite", patients=1)
    file = tmp_path / "b.gz"
    backup.backup(source, file)
    with gzip.open(file, "rb") as stream:
        named = [line for line in stream if line.startswith(b'{"table"')]
    assert len(named) == len(tables)
    on_disk = set(inspect(source).get_table_names()) - {"alembic_version"}
    assert on_disk == {str(t.name) for t in tables}  # nothing the migrations make is left out
