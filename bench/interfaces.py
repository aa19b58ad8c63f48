"""Inbound HL7 v2 throughput: messages per second, each ACKed only after its events committed.

    python bench/interfaces.py --json              # {"hl7_inbound_messages_per_s", ...}
    python bench/interfaces.py --messages 2000 --database postgresql://...

The real server (`workstation-server serve --mllp-port`) runs in a child process over a fresh
SQLite file (or the PostgreSQL database given), its log in a file; MLLP connections (python-hl7's
MLLPClient) send admissions (ADT^A01 with an allergy and a diagnosis) and lab results (ORU^R01,
two OBX) for them, each connection one message after the other, waiting for its ACK as a HIS or
LIS does (no pipelining). Every ACK must be AA; the rate is messages over wall time, with p50/p95
of the ACK latency and the server's CPU time per message (all its processes: the MLLP
listener's parse process too; the serve process's alone apart). `--connections` (default 16:
a hospital's integration engine feeds a ward server from several systems at once, ADT from the
HIS, results from the LIS, reports from the PACS/RIS, pathology, blood bank, pharmacy..., each
channel on its own connection or two; see bench/README.md) send at once, each patient's messages
on one connection (in order, as an interface engine routes a patient); the server commits the
messages waiting together in one transaction (group commit). Fewer connections are bounded by
the commit latency (ACK after commit, one message in flight per connection): one connection
and four are reported apart (`hl7_single_connection_per_s`, `hl7_four_connections_per_s`).

    python bench/interfaces.py --fhir --json       # adds {"fhir_everything_p95_ms", ...}

--fhir also times FHIR `Patient/{id}/$everything` (first page, `_count=200`, as a HIS reads a
record) for the five-year patient of bench/chart_open.py (1,000 notes, 20,000 vital-sign sets,
3,000 orders, 10,000 administrations: ~134,000 resources), stored in a fresh server database
as a push stores them (the events, folded by the server's projector), read over HTTP from the
real server by the ward doctor's token on a registered station: p50/p95 of the page after one
cold read (reported apart). --fhir-walk also walks every page by the next links (~670 pages).

    python bench/interfaces.py --fhir-only --json  # only the FHIR figures
    python bench/interfaces.py --fhir-only --fhir-database postgresql://...  # on PostgreSQL
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hl7.client import MLLPClient  # noqa: E402

from tests.support.hl7_day import adt, oru, potassium  # noqa: E402

TARGET_PER_S = 500


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _prepare(url: str) -> None:
    from workstation.server import refdata
    from workstation.server.db import make_engine, writer
    from workstation.server.setup import initialise

    engine = make_engine(url)
    initialise(engine)
    with writer(engine) as conn:
        refdata.add_ward(conn, ward_id="W1", name_en="W1", name_zh="W1",
                         beds=[str(n) for n in range(1, 40)])  # fmt: skip
    engine.dispose()


def _traffic(count: int) -> list[bytes]:
    messages = []
    for n in range(count):
        mrn = f"B{n // 2:06d}"
        if n % 2 == 0:
            text = adt(f"A{n:07d}", "A01", mrn, location=f"W1^^{n % 39 + 1}",
                       extra="AL1|1|DA|PCN^青霉素|SV\rDG1|1||J18.9^肺炎^I10")  # fmt: skip
        else:
            text = oru(f"R{n:07d}", mrn, [potassium("4.1", "F", "N"), potassium("4.2", "F", "N")],
                       filler=f"F{n:07d}")  # fmt: skip
        messages.append(text.encode("utf-8"))
    return messages


def _wait(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.communicate()[0].decode(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the MLLP listener did not come up")


def run(count: int, url: str | None, connections: int) -> dict[str, float | int | bool]:
    """Start the server, send `count` messages on `connections` connections, return the figures
    (and those of one connection alone)."""
    figures = _run_once(count, url, connections)
    if url is None:  # a PostgreSQL database is used once: run it again with --connections 1, 4
        for fewer, name in ((1, "hl7_single_connection_per_s"), (4, "hl7_four_connections_per_s")):
            if fewer < connections:
                figures[name] = _run_once(count, None, fewer)["hl7_inbound_messages_per_s"]
    return figures


def _run_once(count: int, url: str | None, connections: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="cw-hl7-"))
    url = url or f"sqlite:///{folder / 'server.db'}"
    _prepare(url)
    port, mllp = _free_port(), _free_port()
    # The server's log goes to a file: a pipe nobody reads fills up (64 KiB) and blocks the
    # server mid-message.
    with open(folder / "server.log", "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "workstation.server.cli", "serve", "--database", url,
             "--port", str(port), "--mllp-port", str(mllp)],
            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
        )  # fmt: skip
    try:
        _wait(mllp, server)
        traffic = _traffic(count)
        with MLLPClient("127.0.0.1", mllp) as client:
            _send(client, traffic[:2], [])  # one patient, admitted and resulted: warm-up
        rest = traffic[2:]  # patient n's admission and result are rest[2n], rest[2n + 1]
        feeds = [[m for i, m in enumerate(rest) if i // 2 % connections == c]
                 for c in range(connections)]  # fmt: skip
        latencies: list[float] = []
        threads = [threading.Thread(target=_feed, args=(mllp, feed, latencies)) for feed in feeds]
        main, cpu, started = (
            _cpu_s(server.pid, children=False),
            _cpu_s(server.pid),
            time.perf_counter(),
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed, cpu = time.perf_counter() - started, _cpu_s(server.pid) - cpu
        main = _cpu_s(server.pid, children=False) - main
    finally:
        server.terminate()
        server.wait(timeout=30)
    sent = count - 2
    if len(latencies) != sent:
        raise SystemExit(f"{sent - len(latencies)} messages not accepted (see {folder})")
    rate = sent / elapsed
    return {
        "hl7_inbound_messages": sent,
        "hl7_connections": connections,
        "hl7_inbound_messages_per_s": round(rate, 1),
        "hl7_ack_p50_ms": round(statistics.median(latencies) * 1000, 2),
        "hl7_ack_p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000, 2),
        "hl7_server_cpu_ms_per_message": round(cpu / sent * 1000, 2),  # all its processes
        "hl7_server_main_process_cpu_ms_per_message": round(main / sent * 1000, 2),
        "hl7_target_per_s": TARGET_PER_S,
        "hl7_meets_target": rate >= TARGET_PER_S,
        "database": "postgresql" if url.startswith("postgresql") else "sqlite",
    }


def _cpu_s(pid: int, *, children: bool = True) -> float:
    """The server's CPU time (user + system, Linux /proc), with its child processes' (the MLLP
    listener's parse process) unless `children` is False; NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return float("nan")
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(_cpu_s(child) for child in _children(pid)) if children else own


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _feed(port: int, messages: list[bytes], latencies: list[float]) -> None:
    with MLLPClient("127.0.0.1", port) as client:
        _send(client, messages, latencies)


def _send(client: MLLPClient, messages: list[bytes], latencies: list[float]) -> None:
    for message in messages:
        sent = time.perf_counter()
        ack = client.send_message(message)
        if b"MSA|AA|" not in ack:
            print(f"not accepted: {ack!r}", file=sys.stderr)
            return
        latencies.append(time.perf_counter() - sent)


PATIENT = "0190f000-0000-7000-8000-000000000007"  # the five-year patient
PAGE = 200  # resources per page, as a HIS reads a record
TARGET_P95_MS = 300


def _store_events(conn: Any, history: list[Any]) -> None:
    """The events in the server's log (as a push stores them: `meta.lastUpdated` is read from
    there) and folded into the projections."""
    from workstation.events.envelope import canonical_json
    from workstation.projections.projector import apply_events
    from workstation.server.models import events
    from workstation.storage import insert_rows

    insert_rows(conn, events, [{
        "server_seq": n, "event_id": e.event_id, "type": e.type, "patient_id": e.patient_id,
        "ward_id": "BENCH", "author_id": e.author_id, "device_id": e.device_id,
        "device_seq": e.device_seq, "recorded_at": e.recorded_at, "received_at": e.recorded_at,
        "pushed_by": e.author_id, "content_hash": "-", "payload": canonical_json(e.payload),
        "signature": None} for n, e in enumerate(history, start=1)])  # fmt: skip
    apply_events(conn, history)


def fhir_everything(runs: int, walk: bool, url: str | None) -> dict[str, float | int | bool]:
    """Time $everything for the five-year patient on a real server (see the module docstring)."""
    import httpx
    from chart_open import history_events  # type: ignore[import-not-found]

    from workstation.server import auth, refdata
    from workstation.server.db import make_engine, writer
    from workstation.server.setup import initialise

    folder = Path(tempfile.mkdtemp(prefix="cw-fhir-"))
    url = url or f"sqlite:///{folder / 'server.db'}"
    engine = make_engine(url)
    initialise(engine)
    history = history_events(PATIENT, "bench", "doc")
    with writer(engine) as conn:
        refdata.add_ward(conn, ward_id="BENCH", name_en="Bench", name_zh="Bench", beds=["7"])
        auth.add_user(conn, username="doc", password="bench pass 1", display_name="doc",
                      role="physician", wards=["BENCH"])  # fmt: skip
        refdata.publish_directory(conn)
        _store_events(conn, history)
    engine.dispose()
    port = _free_port()
    # The server's request log goes to a file: a pipe nobody reads fills up (64 KiB, a few
    # hundred requests) and blocks the server mid-request.
    with open(folder / "server.log", "wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "workstation.server.cli", "serve",
                                   "--database", url, "--port", str(port)], stdout=log,
                                  stderr=subprocess.STDOUT, cwd=ROOT)  # fmt: skip
    try:
        _wait(port, server)
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=120) as http:
            token = http.post("/auth/login", json={"username": "doc", "password": "bench pass 1",
                                                    "device_id": "bench-ws"}).json()["access_token"]  # fmt: skip
            http.headers["Authorization"] = f"Bearer {token}"
            registered = http.post("/devices/register", json={"ward_id": "BENCH"})
            assert registered.status_code == 200, registered.text
            path = f"/fhir/Patient/{PATIENT}/$everything?_count={PAGE}"
            figures = _time_pages(http, path, runs)
            if walk:
                figures |= _walk(http, base, path)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figures | {"fhir_database": "postgresql" if url.startswith("postgresql") else "sqlite"}


def _time_pages(http: Any, path: str, runs: int) -> dict[str, float | int | bool]:
    """The first page `runs` times after a cold first read (reported apart)."""
    timings, size = [], 0
    for _ in range(runs + 1):
        started = time.perf_counter()
        answer = http.get(path)
        timings.append(time.perf_counter() - started)
        assert answer.status_code == 200, answer.text
        size = len(answer.content)
    cold, timings = timings[0], timings[1:]
    p95 = statistics.quantiles(timings, n=20)[18] * 1000
    return {
        "fhir_everything_p50_ms": round(statistics.median(timings) * 1000, 1),
        "fhir_everything_p95_ms": round(p95, 1), "fhir_everything_cold_ms": round(cold * 1000, 1),
        "fhir_everything_page_size": PAGE, "fhir_everything_page_bytes": size,
        "fhir_everything_runs": runs, "fhir_everything_target_p95_ms": TARGET_P95_MS,
        "fhir_everything_meets_target": p95 <= TARGET_P95_MS,
    }  # fmt: skip


def _walk(http: Any, base: str, path: str) -> dict[str, float | int]:
    """Every page of the record, by the next links."""
    started, pages, resources, link = time.perf_counter(), 0, 0, path
    while link:
        answer = http.get(link)
        assert answer.status_code == 200, answer.text
        bundle = answer.json()
        pages, resources = pages + 1, resources + len(bundle.get("entry", []))
        link = next(
            (x["url"][len(base) :] for x in bundle["link"] if x["relation"] == "next"), None
        )
    return {"fhir_everything_all_pages": pages, "fhir_everything_all_resources": resources,
            "fhir_everything_all_pages_s": round(time.perf_counter() - started, 1)}  # fmt: skip


def main() -> None:
    """Print the figures (one JSON object with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--connections", type=int, default=16, help="MLLP connections at once")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--fhir", action="store_true", help="also time FHIR $everything")
    parser.add_argument("--fhir-runs", type=int, default=40)
    parser.add_argument("--fhir-only", action="store_true", help="only the FHIR figures")
    parser.add_argument("--fhir-database", help="an empty PostgreSQL database for the FHIR part")
    parser.add_argument(
        "--fhir-walk",
        action="store_true",
        help="also time walking every page of the record (~670 pages, minutes)",
    )
    args = parser.parse_args()
    figures = {} if args.fhir_only else run(args.messages, args.database, args.connections)
    if args.fhir or args.fhir_only:
        sys.path.insert(0, str(ROOT / "bench"))
        figures |= fhir_everything(args.fhir_runs, args.fhir_walk, args.fhir_database)
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name}: {value}")


if __name__ == "__main__":
    main()
