"""Inbound HL7 v2 throughput: messages per second, each ACKed only after its events committed.

    python bench/interfaces.py --json              # {"hl7_inbound_messages_per_s", ...}
    python bench/interfaces.py --messages 2000 --database postgresql://...

The real server (`workstation-server serve --mllp-port`) runs in a child process over a fresh
SQLite file (or the PostgreSQL database given); one MLLP connection (python-hl7's MLLPClient)
sends admissions (ADT^A01 with an allergy and a diagnosis) and lab results (ORU^R01, two OBX)
for them, one after the other, each waiting for its ACK as a HIS or LIS does. Every ACK must be
AA; the rate is messages over wall time, with p50/p95 of the ACK latency.

    python bench/interfaces.py --fhir --json       # adds {"fhir_everything_p95_ms", ...}

--fhir also times FHIR `Patient/{id}/$everything` (first page, the default 200 resources, as a
HIS reads it) for the five-year patient of bench/chart_open.py (1,000 notes, 20,000 vital-sign
sets, 3,000 orders, 10,000 administrations), folded into a fresh server database by the
server's projector, read over HTTP from the real server by a cardiology doctor's token; and the
time to walk every page of that patient's record.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run(count: int, url: str | None) -> dict[str, float | int | bool]:
    """Start the server, send `count` messages, return the figures."""
    url = url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='cw-hl7-')) / 'server.db'}"
    _prepare(url)
    port, mllp = _free_port(), _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "workstation.server.cli", "serve", "--database", url,
         "--port", str(port), "--mllp-port", str(mllp)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT,
    )  # fmt: skip
    try:
        _wait(mllp, server)
        traffic = _traffic(count)
        latencies = []
        with MLLPClient("127.0.0.1", mllp) as client:
            client.send_message(traffic[0])  # the first message registers nothing new: warm-up
            started = time.perf_counter()
            for message in traffic[1:]:
                sent = time.perf_counter()
                ack = client.send_message(message)
                latencies.append(time.perf_counter() - sent)
                if b"MSA|AA|" not in ack:
                    raise SystemExit(f"not accepted: {ack!r}")
            elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    rate = (count - 1) / elapsed
    return {
        "hl7_inbound_messages": count - 1,
        "hl7_inbound_messages_per_s": round(rate, 1),
        "hl7_ack_p50_ms": round(statistics.median(latencies) * 1000, 2),
        "hl7_ack_p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000, 2),
        "hl7_target_per_s": TARGET_PER_S,
        "hl7_meets_target": rate >= TARGET_PER_S,
        "database": "postgresql" if url.startswith("postgresql") else "sqlite",
    }


def fhir_everything(runs: int) -> dict[str, float | int | bool]:
    """Time $everything for the five-year patient on a real server (see the module docstring)."""
    import httpx
    from chart_open import history_events  # type: ignore[import-not-found]

    from workstation.projections.projector import apply_events
    from workstation.server import auth, refdata
    from workstation.server.db import make_engine, writer
    from workstation.server.setup import initialise

    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='cw-fhir-')) / 'server.db'}"
    engine = make_engine(url)
    initialise(engine)
    with writer(engine) as conn:
        refdata.add_ward(conn, ward_id="BENCH", name_en="Bench", name_zh="Bench", beds=["7"])
        auth.add_user(conn, username="doc", password="bench pass 1", display_name="doc",
                      role="physician", wards=["BENCH"])  # fmt: skip
        refdata.publish_directory(conn)
        apply_events(conn, history_events("0190f000-0000-7000-8000-000000000007", "bench", "doc"))
    engine.dispose()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "workstation.server.cli", "serve", "--database",
                               url, "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, cwd=ROOT)  # fmt: skip
    try:
        _wait(port, server)
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=120) as http:
            token = http.post("/auth/login", json={"username": "doc", "password": "bench pass 1",
                                                    "device_id": "bench-ws"}).json()["access_token"]  # fmt: skip
            http.headers["Authorization"] = f"Bearer {token}"
            http.post("/devices/register", json={"ward_id": "BENCH"})
            path = "/fhir/Patient/0190f000-0000-7000-8000-000000000007/$everything?_count=200"
            timings = []
            for _ in range(runs + 1):
                started = time.perf_counter()
                answer = http.get(path)
                timings.append(time.perf_counter() - started)
                assert answer.status_code == 200, answer.text
            timings = timings[1:]  # the first one warms the caches
            started, pages, resources, link = time.perf_counter(), 0, 0, path
            while link:
                bundle = http.get(link).json()
                pages, resources = pages + 1, resources + len(bundle.get("entry", []))
                link = next(
                    (x["url"][len(base) :] for x in bundle["link"] if x["relation"] == "next"), None
                )
            walk = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    p95 = statistics.quantiles(timings, n=20)[18] * 1000
    return {
        "fhir_everything_p50_ms": round(statistics.median(timings) * 1000, 1),
        "fhir_everything_p95_ms": round(p95, 1), "fhir_everything_page_size": 200,
        "fhir_everything_target_p95_ms": 300, "fhir_everything_meets_target": p95 <= 300,
        "fhir_everything_all_pages": pages, "fhir_everything_all_resources": resources,
        "fhir_everything_all_pages_s": round(walk, 1),
    }  # fmt: skip


def main() -> None:
    """Print the figures (one JSON object with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--fhir", action="store_true", help="also time FHIR $everything")
    parser.add_argument("--fhir-runs", type=int, default=40)
    parser.add_argument("--fhir-only", action="store_true", help="only the FHIR figures")
    args = parser.parse_args()
    figures = {} if args.fhir_only else run(args.messages, args.database)
    if args.fhir or args.fhir_only:
        sys.path.insert(0, str(ROOT / "bench"))
        figures |= fhir_everything(args.fhir_runs)
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name}: {value}")


if __name__ == "__main__":
    main()
