"""HL7 v2 over MLLP end to end: `workstation-server serve --mllp-port` fed a day of ADT and ORU
traffic by python-hl7's own `mllp_send` command (a client that is not the server's code), then
the census, `workstation-server patients` and `interface-queue` agree with what was sent."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import hl7
import pytest
from sqlalchemy import Engine, func, select

from tests.support.hl7_day import EXPECTED_CENSUS, EXPECTED_QUEUE, WARDS, day
from workstation.projections import tables as pt
from workstation.server import refdata
from workstation.server.db import reader, writer
from workstation.server.models import events, hl7_messages

MLLP_SEND = shutil.which("mllp_send", path=str(Path(sys.executable).parent))
START_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workstation.server.cli", *args],
                          capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.fixture
def hospital_server(server_engine: Engine, database_url: str) -> Iterator[int]:
    """The server with its MLLP listener on a loopback port (the port is yielded)."""
    with writer(server_engine) as conn:
        for ward in WARDS:
            refdata.add_ward(conn, ward_id=ward, name_en=ward, name_zh=ward,
                             beds=[str(n) for n in range(1, 20)])  # fmt: skip
    port, mllp_port = _free_port(), _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "workstation.server.cli", "serve", "--database", database_url,
         "--port", str(port), "--mllp-port", str(mllp_port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_for_listener(server, mllp_port)
        yield mllp_port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for_listener(server: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        assert server.poll() is None, server.communicate()[0]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline, "the MLLP listener did not come up"
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=0.1)  # poll interval that also notices an early exit


def _send(port: int, path: Path) -> list[bytes]:
    """Every message in the file through `mllp_send`; the ACKs it printed, in order."""
    assert MLLP_SEND is not None, "python-hl7's mllp_send is not installed"
    done = subprocess.run([MLLP_SEND, "--file", str(path), "--port", str(port), "127.0.0.1"],
                          capture_output=True, timeout=120, check=True)  # fmt: skip
    return [block.strip(b"\x0b\r\n") for block in done.stdout.split(b"\x1c") if block.strip()]


def _acks(raw: list[bytes]) -> list[tuple[str, str, bytes]]:
    found = []
    for block in raw:
        ack = hl7.parse(block.decode("utf-8"))
        msa = ack.segment("MSA")
        try:
            err = str(ack.segment("ERR"))
        except KeyError:
            err = ""
        found.append((str(msa(1)), str(msa(2)), err.encode()))
    return found


def test_a_day_of_his_and_lis_traffic(
    hospital_server: int, server_engine: Engine, database_url: str, tmp_path: Path
) -> None:
    sent = day()
    traffic = tmp_path / "day.hl7"
    traffic.write_bytes(b"".join(b"\x0b" + m.wire() + b"\x1c\r" for m in sent))
    raw = _send(hospital_server, traffic)
    acks = _acks(raw)
    assert [a[1] for a in acks] == [m.control_id for m in sent]  # one answer per message, in order
    assert raw[0] == raw[1]  # the resend got the very same ACK
    codes = {control: code for code, control, _ in acks}
    assert codes == {m.control_id: "AE" if m.control_id in ("ADT0005", "LAB0003", "ADT0009")
                     else "AA" for m in sent}  # fmt: skip
    errors = {control: err for _, control, err in acks if err}
    assert b"PID^1^7" in errors["ADT0005"] and b"OBX^1^5" in errors["LAB0003"]

    census = _cli("patients", "--database", database_url)
    assert census.returncode == 0, census.stderr
    listed = {
        line.split("\t")[0]: tuple(line.split("\t")[1:]) for line in census.stdout.splitlines()
    }
    assert listed == EXPECTED_CENSUS  # 𠮷䶮 came intact through GB18030; MRN1005 merged away

    queued = _cli("interface-queue", "list", "--database", database_url)
    rows = {line.split("\t")[0]: line.split("\t") for line in queued.stdout.splitlines()}
    assert {key: (row[2], row[3] or None) for key, row in rows.items()} == EXPECTED_QUEUE
    assert all(row[4] for row in rows.values())  # every one with its reason

    with reader(server_engine) as conn:
        by_type = Counter(dict(conn.execute(
            select(events.c.type, func.count()).group_by(events.c.type)).all()))  # fmt: skip
        labs = conn.execute(select(pt.lab_results.c.value, pt.lab_results.c.voided,
                                   pt.lab_results.c.result_status)).all()  # fmt: skip
        stored = conn.execute(select(func.count()).select_from(hl7_messages)).scalar()
    assert by_type == {"PatientAdmitted": 5, "PatientTransferred": 1, "PatientDischarged": 1,
                       "AllergyRecorded": 1, "ProblemRecorded": 1, "LabResulted": 2,
                       "CriticalValueReported": 1}  # fmt: skip
    # the preliminary potassium of 2.8 is at the shipped default's low limit (Kost 1990): critical
    assert sorted(labs) == [("2.8", True, "preliminary"), ("2.9", False, "corrected")]
    assert stored == len(sent) - 1  # the resend is not a second message

    rerun = _cli("interface-queue", "rerun", "HIS|ADT0009", "--ward-map", "W9=W2",
                 "--database", database_url)  # fmt: skip
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    census = _cli("patients", "--database", database_url).stdout
    assert "MRN1006\t赵六\tW2\t1" in census.splitlines()
    again = _acks(_send(hospital_server, traffic))
    assert [a[1] for a in again] == [m.control_id for m in sent]
    with reader(server_engine) as conn:
        assert (
            conn.execute(select(func.count()).select_from(events)).scalar()
            == sum(by_type.values()) + 1
        )  # a replay of the whole day added nothing; the re-run one admission
