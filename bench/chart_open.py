"""Opening a chart with five years of history from the local replica, until it is painted.

    python bench/chart_open.py --json            # {"p50_ms", "p95_ms", ...}
    python bench/chart_open.py --runs 40
    python bench/chart_open.py --json --tab vitals   # the chart opening on its Vitals tab (plot)
    python bench/chart_open.py --json --first-time   # every opening reads the rows again

The replica is the real encrypted one (SQLCipher, throwaway keyring). One patient gets five years
of history: 1,000 signed notes, 20,000 sets of vital signs, 3,000 medication orders and 10,000
administrations, written as events into `local_events` and folded by the projector
(`apply_events`), as a pull from the server would. The window is the real main window offscreen
(`ShellView`) with the real `ChartController`; a doctor's session is set on the workstation
directly (no server is involved: the chart is read from the replica). One opening is timed from
`ChartController.open` to the `sig_chart_opened` signal (the chart loaded on the worker and
handed to every tab) plus a synchronous repaint of the window. The first opening (cold caches)
is left out; another patient's chart is opened between runs so each run really switches patient.
The Vitals tab shows its flowsheet or its trend (Alt+F/Alt+T): `--tab vitals` times the trend.
A chart opened again while none of the patient's rows changed is handed its rows kept from the
last opening (offline_cache.chart_cache); `--first-time` empties that cache before each opening,
as for the first opening of a patient since the station started.
The order checks' context, drafts and fluid balance the opening asks for start after the paint
(`Workers.after_paint`), as in the application; the bench waits for them between openings.

The bench waits for the signal in a Qt event loop, as the application does. It used to poll
with `QTest.qWait(1)`, which keeps the UI thread waking every millisecond and starves the
worker thread of the GIL (the replica releases it on every row read): the same code measured
2147 ms that way against 480 ms in an event loop (p50, commit 1f821d1). After each opening the
bench lets the work the opening started (the order checks' context, drafts) finish, as a person
reading the chart would, before opening the next one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import _NOTE, use_throwaway_keyring, vitals_payload  # noqa: E402

HISTORY = {"notes": 1000, "vitals": 20_000, "orders": 3000, "administrations": 10_000}
_DRUGS = [("amoxicillin", "阿莫西林 (Amoxicillin)", 500, "mg", "po", "tid"),
          ("metformin", "二甲双胍 (Metformin)", 500, "mg", "po", "bid"),
          ("atorvastatin", "阿托伐他汀 (Atorvastatin)", 20, "mg", "po", "qn"),
          ("furosemide", "呋塞米 (Furosemide)", 20, "mg", "iv", "bid")]  # fmt: skip


def _stamp(start: datetime, minutes: float) -> str:
    return (
        (start + timedelta(minutes=minutes))
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


def history_events(patient_id: str, device: str, author: str) -> list[Any]:
    """The admission and five years of one patient's events, oldest first."""
    from workstation.events.envelope import Event
    from workstation.ids import uuid7

    rng, start = random.Random(5), datetime.now(UTC) - timedelta(days=5 * 365)
    span = 5 * 365 * 24 * 60
    seq = iter(range(1, 10**7))

    def event(kind: str, payload: dict[str, Any], minutes: float, pid: str = patient_id) -> Event:
        return Event(event_id=uuid7(), type=kind, patient_id=pid, author_id=author, device_id=device,
                     device_seq=next(seq), recorded_at=_stamp(start, minutes), payload=payload)  # fmt: skip

    admit = {"record_number": "H0000001", "name": "钱七", "sex": "male", "birth_date": "1948-03-02",
             "ward_id": "BENCH", "bed": "7", "admitted_at": _stamp(start, 0), "weight_kg": 72.0,
             "diagnosis": "heart failure; 心力衰竭"}  # fmt: skip
    events = [event("PatientAdmitted", admit, 0)]
    orders = []
    for n in range(HISTORY["orders"]):
        code, name, dose, unit, route, freq = rng.choice(_DRUGS)
        placed = event("OrderPlaced", {"order_kind": "medication", "description": f"{name} {dose}{unit} {route} {freq}",
                       "medication": {"drug_code": code, "drug_name": name, "dose_value": dose, "dose_unit": unit,
                                      "route": route, "frequency": freq, "duration_days": 7}}, span * n / HISTORY["orders"])  # fmt: skip
        orders.append(placed)
    events += orders
    for n in range(HISTORY["notes"]):
        minutes = span * n / HISTORY["notes"] + 1
        events.append(event("NoteSigned", {"note_type": "daily_progress_note", "title": f"Day {n + 1}",
                                           "text": _NOTE.format(day=n + 1, symptom="mild cough", zh="轻度咳嗽")}, minutes))  # fmt: skip
    for n in range(HISTORY["vitals"]):
        minutes = span * n / HISTORY["vitals"] + 2
        events.append(
            event(
                "VitalsRecorded",
                {**vitals_payload(rng), "taken_at": _stamp(start, minutes)},
                minutes,
            )
        )
    for n in range(HISTORY["administrations"]):
        order = orders[n * HISTORY["orders"] // HISTORY["administrations"]]
        minutes = span * n / HISTORY["administrations"] + 3
        events.append(event("MedicationAdministered", {"order_id": order.event_id, "outcome": "given",
                            "administered_at": _stamp(start, minutes), "dose_value": 500, "dose_unit": "mg"}, minutes))  # fmt: skip
    return events


def build_replica(folder: Path) -> tuple[Any, str, str]:
    """A workstation whose replica holds the long history (and a small second patient)."""
    from sqlalchemy import insert

    from offline_cache.session import Session
    from offline_cache.tables import local_events
    from offline_cache.workstation import Workstation
    from workstation.events.envelope import canonical_json
    from workstation.ids import uuid7
    from workstation.projections.projector import apply_events

    ws = Workstation.open(folder / "station", ward_id="BENCH")
    author, big, small = "bench-doctor", uuid7(), uuid7()
    ws.sessions.current = Session(
        author, "bench.doctor", "Dr Bench", "physician", ("BENCH",), True, False
    )
    events = history_events(big, ws.store.device_id, author)
    other = history_events(small, ws.store.device_id, author)[:50]
    rows = [{"event_id": e.event_id, "type": e.type, "patient_id": e.patient_id, "author_id": e.author_id,
             "device_id": e.device_id, "device_seq": i, "recorded_at": e.recorded_at,
             "payload": canonical_json(e.payload), "server_seq": i, "received_at": e.recorded_at,
             "state": "accepted", "origin": "server"} for i, e in enumerate(events + other, start=1)]  # fmt: skip
    with ws.store.writing() as conn:
        conn.execute(insert(local_events), rows)
        apply_events(conn, events + other)
    return ws, big, small


def measure(
    ws: Any, big: str, small: str, runs: int, tab: str = "summary", first_time: bool = False
) -> list[float]:
    """Milliseconds per opening of the big chart, painted on `tab` (summary, results, vitals:
    the last two paint a trend plot); first_time: no chart rows kept from the last opening."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest

    from ui.heap import freeze_startup_objects
    from ui.screens.chart.controller import ChartController
    from ui.screens.shell.view import ShellView
    from ui.workers import Workers

    view = ShellView()
    view.show_work_page("Dr Bench")
    view.show()
    chart = ChartController(view.chart, ws, Workers("work", view), view)
    pages = {"summary": view.chart.summary, "results": view.chart.results,
             "vitals": view.chart.vitals}  # fmt: skip
    view.chart.tabs.setCurrentWidget(pages[tab])
    view.chart.vitals.show_view(trend=tab == "vitals")  # its trend plot (Alt+T), not the table
    opened: list[str] = []
    chart.sig_chart_opened.connect(opened.append)
    freeze_startup_objects()  # as the application does once its main window is built

    loop = QEventLoop()
    chart.sig_chart_opened.connect(lambda _patient_id: loop.quit())
    chart.sig_chart_failed.connect(lambda _error: loop.quit())

    def open_and_paint(patient_id: str) -> float:
        opened.clear()
        started = time.perf_counter()
        chart.open(patient_id)
        if not opened:  # wait in an event loop, as the application does, not polling with qWait
            QTimer.singleShot(60_000, loop.quit)
            loop.exec()
        if not opened:
            raise TimeoutError("the chart did not open")
        view.repaint()
        elapsed = (time.perf_counter() - started) * 1000
        QTest.qWait(20)  # let the work the opening started (order checks' context) finish
        chart.workers.wait()
        return elapsed

    open_and_paint(big)  # cold: left out
    timings = []
    for _ in range(runs):
        open_and_paint(small)
        if first_time:
            ws.store.chart_cache.clear()
        timings.append(open_and_paint(big))
    chart.workers.wait()
    view.close()
    return timings


def main() -> int:
    """Build the replica, time the openings, print p50/p95."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--tab",
        choices=("summary", "results", "vitals"),
        default="summary",
        help="the chart tab shown while opening (vitals: with its trend plot)",
    )
    parser.add_argument(
        "--first-time",
        action="store_true",
        help="read the chart's rows again at every opening (no rows kept from the last one)",
    )
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="cw-chart-") as tmp:
        folder = Path(tmp)
        use_throwaway_keyring(folder)
        built = time.perf_counter()
        ws, big, small = build_replica(folder)
        build_s = time.perf_counter() - built
        timings = sorted(measure(ws, big, small, args.runs, args.tab, args.first_time))
        ws.close()
    result = {"p50_ms": round(statistics.median(timings), 1),
              "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
              "max_ms": round(timings[-1], 1), "runs": len(timings),
              "history": HISTORY, "tab": args.tab, "first_time": args.first_time, "build_s": round(build_s, 1)}  # fmt: skip
    print(json.dumps(result) if args.json else result, flush=True)
    del app
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # skip interpreter teardown: PySide6 can crash freeing the window late
