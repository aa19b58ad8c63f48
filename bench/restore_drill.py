"""Point-in-time recovery drill with pgBackRest on a throwaway PostgreSQL cluster.

    python bench/restore_drill.py --json                 # 3,000 events before T, 1,000 after
    python bench/restore_drill.py --json --events 300    # the short version CI runs

Writes signed ward events, takes a full backup to two encrypted repositories (the second stands
for the off-site copy), writes more, takes a differential backup, writes more, notes the server's
time T, writes more, then restores to T on a fresh data directory and starts it. Prints
{"events_before_T", "events_restored", "extra_after_T", "verify_audit", "restore_s"}:
the drill passes when restored = before, extra = 0 and the audit chain is intact.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import (  # type: ignore[import-not-found]
    DOCTOR,
    NURSE,
    PASSWORD,
    WARD,
    plan_workload,
    prepare_server_database,
)
from sqlalchemy import func, select, text

from tests.support.postgres import SYSTEM_USER, PostgresCluster
from tests.support.signing import ServerKeys
from workstation.clock import now_iso
from workstation.events.envelope import Event
from workstation.events.validation import validate_event
from workstation.ids import uuid7
from workstation.server import audit, auth, devices, meta, sync
from workstation.server.db import make_engine, reader, writer
from workstation.server.models import events

STANZA = "cw"
DEVICE = "drill-station"


class ArchivingCluster(PostgresCluster):
    """A throwaway cluster whose WAL pgBackRest archives to two encrypted repositories."""

    def __init__(self, data_dir: Path | None = None, root: Path | None = None):
        super().__init__()
        if root is not None:  # a restore: the repositories and config of the first cluster
            shutil.rmtree(self.root)
            self.root = root
        if data_dir is not None:
            self.data_dir, self.log_file = data_dir, data_dir.parent / "restored.log"
        self.config = self.root / "pgbackrest.conf"

    archiving = True

    def _initdb(self) -> None:
        super()._initdb()
        with (self.data_dir / "pg_hba.conf").open("a", encoding="utf-8") as hba:
            hba.write(
                "local all postgres trust  # pgBackRest, on this cluster's own socket folder\n"
            )

    def _settings(self, port: int) -> list[str]:
        if not self.archiving:
            return super()._settings(port)
        archive = f"pgbackrest --config={self.config} --stanza={STANZA} archive-push %p"
        return [*super()._settings(port), "wal_level=replica", "archive_mode=on",
                f"archive_command='{archive}'"]  # fmt: skip

    def write_config(self) -> None:
        """Two repositories, AES-256 encrypted, with retention; pg1 is this cluster."""
        lines = ["[global]", "start-fast=y", "archive-async=n", "compress-type=lz4",
                 f"log-path={self.root / 'log'}", f"lock-path={self.root / 'lock'}",
                 "log-level-console=warn", "log-level-file=info"]  # fmt: skip
        for repo, full_kept in ((1, 2), (2, 4)):
            lines += [f"repo{repo}-path={self.root / f'repo{repo}'}",
                      f"repo{repo}-cipher-type=aes-256-cbc",
                      f"repo{repo}-cipher-pass={secrets.token_hex(32)}",
                      f"repo{repo}-retention-full={full_kept}"]  # fmt: skip
        lines += [f"[{STANZA}]", f"pg1-path={self.data_dir}", f"pg1-port={self.port}",
                  f"pg1-socket-path={self.root}", f"pg1-user={SYSTEM_USER}"]  # fmt: skip
        for folder in ("log", "lock"):
            (self.root / folder).mkdir(exist_ok=True)
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.chmod(self.config, 0o600)
        _give_to_postgres(self.root)

    def stop_server_only(self) -> None:
        """Stop PostgreSQL and keep the folder (its repositories are needed for the restore)."""
        self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "60")
        self._running = False

    def start_restored(self) -> ArchivingCluster:
        """Start on the restored data directory (no archiving) and wait for the promotion."""
        self.archiving = False
        self._start_on_free_port()
        self._wait_until_ready()
        deadline = time.monotonic() + 120
        while True:
            with self._admin() as conn:
                if not conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]:
                    return self
            if time.monotonic() > deadline:
                raise RuntimeError("the restored cluster did not finish recovery in 120 s")
            time.sleep(0.2)

    def backrest(self, *args: str) -> str:
        """Run pgbackrest as the postgres user with this drill's config."""
        command = ["pgbackrest", f"--config={self.config}", f"--stanza={STANZA}", *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SYSTEM_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stdout}{done.stderr}")
        return done.stdout


def _give_to_postgres(path: Path) -> None:
    if os.geteuid() != 0:
        return
    entry = pwd.getpwnam(SYSTEM_USER)
    for folder, _dirs, files in os.walk(path):
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        for name in files:
            os.chown(Path(folder) / name, entry.pw_uid, entry.pw_gid)


class Ward:
    """Signed ward events pushed to the server database as a station's would be."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        with writer(self.engine) as conn:
            devices.register(conn, device_id=DEVICE, ward_id=WARD)
        self.ids = {
            role: auth.login(self.engine, username=name, password=PASSWORD, device_id=DEVICE)[
                "user"
            ]["user_id"]
            for role, name in (("doctor", DOCTOR), ("nurse", NURSE))
        }
        self.pusher, _ = auth.authenticate(
            self.engine,
            auth.login(self.engine, username=NURSE, password=PASSWORD, device_id=DEVICE)[
                "access_token"
            ],
        )
        self.keys = ServerKeys(self.engine, registered_at="2000-01-01T00:00:00.000Z")
        self.seq = 0
        self.patients_done = 0

    def write(self, count: int) -> None:
        """Push `count` more events (whole patients: admission, orders, vitals, doses, notes)."""
        plan = plan_workload(count, seed=self.patients_done + 7)
        patients: dict[int, str] = {}
        orders: dict[int, list[str]] = {}
        wires = []
        for item in sorted(plan, key=lambda p: p.role != "doctor"):
            self.seq += 1
            payload = dict(item.payload)
            if item.type == "PatientAdmitted":
                patients[item.patient] = uuid7()
                payload["record_number"] = f"D{self.seq:07d}"
            if item.order_ref is not None:
                payload["order_id"] = orders[item.patient][item.order_ref]
            event = validate_event(Event(
                event_id=uuid7(), type=item.type, patient_id=patients[item.patient],
                author_id=self.ids[item.role], device_id=DEVICE, device_seq=self.seq,
                recorded_at=now_iso(), payload=payload,
            ))  # fmt: skip
            if item.type == "OrderPlaced":
                orders.setdefault(item.patient, []).append(event.event_id)
            wires.append(self.keys.sign(event.to_wire()))
        self.patients_done += len(patients)
        for start in range(0, len(wires), 500):
            answer = sync.push(self.engine, pusher=self.pusher, device_id=DEVICE,
                               wire_events=wires[start : start + 500])  # fmt: skip
            refused = [r for r in answer["results"] if r["status"] != "accepted"]
            if refused:
                raise RuntimeError(f"the drill's events were refused: {refused[:3]}")


def _backrest_time(moment: datetime) -> str:
    """pgBackRest's time format, rounded up to the millisecond (never before the last commit)."""
    moment = moment.astimezone(UTC) + timedelta(milliseconds=1)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}+00"


def _epoch(engine: Any) -> str:
    with reader(engine) as conn:
        return meta.epoch(conn)


def _count(engine: Any) -> tuple[int, int]:
    with reader(engine) as conn:
        row = conn.execute(select(func.count(), func.max(events.c.server_seq))).one()
    return int(row[0]), int(row[1] or 0)


def drill(count: int) -> dict[str, Any]:
    """Run the drill; the figures."""
    first = ArchivingCluster().start()
    restored: ArchivingCluster | None = None
    try:
        first.write_config()
        first.backrest("stanza-create")
        url = first.create_database()
        prepare_server_database(url)
        ward = Ward(url)
        ward.write(count // 2)
        for repo in ("1", "2"):
            first.backrest("backup", "--type=full", f"--repo={repo}")
        ward.write(count // 4)
        first.backrest("backup", "--type=diff", "--repo=1")
        ward.write(count - count // 2 - count // 4)
        before_t, seq_at_t = _count(ward.engine)
        with reader(ward.engine) as conn:  # T by the database's own clock, after the last commit
            target = conn.execute(text("SELECT clock_timestamp()")).scalar_one()
        time.sleep(1.0)  # the events after T are a clear second later
        ward.write(max(count // 3, 50))
        with writer(ward.engine) as conn:
            conn.execute(text("SELECT pg_switch_wal()"))
        first.backrest("check")  # waits until the switched WAL segment is in the repository
        ward.engine.dispose()
        first.stop_server_only()
        started = time.perf_counter()
        data = first.root / "restored-data"
        data.mkdir(mode=0o700)
        _give_to_postgres(data)
        first.backrest(f"--pg1-path={data}", "--type=time", f"--target={_backrest_time(target)}",
                       "--target-action=promote", "--repo=1", "restore")  # fmt: skip
        restored = ArchivingCluster(data_dir=data, root=first.root).start_restored()
        restored_url = restored.url(url.rsplit("/", 1)[-1])
        engine = make_engine(restored_url)
        restored_count, restored_max = _count(engine)
        restore_s = time.perf_counter() - started
        broken = audit.verify(engine)
        epochs = [_epoch(engine)]
        subprocess.run([str(Path(sys.executable).with_name("workstation-server")), "new-epoch",
                        "--database", restored_url], check=True, capture_output=True, timeout=120)  # fmt: skip
        epochs.append(_epoch(engine))  # stations see it and re-offer what the server lacks
        engine.dispose()
        return {
            "events_before_T": before_t,
            "events_restored": restored_count,
            "extra_after_T": max(0, restored_max - seq_at_t),
            "verify_audit": "intact" if broken is None else f"broken at {broken.audit_id}",
            "restore_s": round(restore_s, 2),
            "new_epoch": epochs[0] != epochs[1],
        }
    finally:
        if restored is not None:
            restored.stop()
        first.stop()


def main(argv: list[str] | None = None) -> int:
    """Run the drill and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--events", type=int, default=4000, help="events written up to T")
    parser.add_argument("--json", action="store_true", help="one JSON line")
    args = parser.parse_args(argv)
    if shutil.which("pgbackrest") is None:
        sys.exit("restore_drill: pgbackrest is not installed (installer/dev-setup.sh installs it)")
    result = drill(args.events)
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    passed = (result["events_restored"] == result["events_before_T"] and result["new_epoch"]
              and result["extra_after_T"] == 0 and result["verify_audit"] == "intact")  # fmt: skip
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
