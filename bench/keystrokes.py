"""Keystrokes per task in the real desktop window (offscreen), one JSON line per task.

    python bench/keystrokes.py --json

Every key the user presses is counted: each letter typed is one key, a chord such as Ctrl+K is
one key. Clicks and scans are counted too (the tasks here use neither). The window, the
embedded server and the encrypted replica are the real ones; only the display is offscreen.

Tasks:
  progress_note  open the patient in bed 12 (Ctrl+K, 12, Enter), start a daily progress note
                 (Ctrl+N, 3), fill its four SOAP blanks with F2 between them, `.vitals` + Space
                 in O, sign (Ctrl+Enter).
  verify_order, outpatient_dispense  the pharmacist's tasks, in a second window logged in as a
                 pharmacist (see pharmacy_keys.py); the ward's penicillin skin tests are read
                 negative first, as the amoxicillin orders of the tasks before head the queue.
  scheduled_dose as the nurse, from the worklist: scan the wristband, scan the drug label
                 (each a fast key burst + Enter, counted as scans), Enter to record the dose.
  medication_order_first_on_ward, medication_order  the doctor's amoxicillin 500 mg po tid
                 7 days order, first on bed 14 (13 keys), then on bed 12 once the ward has ordered
                 that course before (10 keys); see order_keys.py for the keys.
  temporary_nursing_order  bed 14, `n catheter` (导尿) chosen as 临时: the nursing order's keys and one
                 more, F8, which flips the basket line from 长期 to 临时 (checked: exactly one key).
  acknowledge_critical_value  the doctor, on bed 12's chart, acknowledges its HH potassium:
                 Ctrl+Shift+K, 2 (see critical_keys.py; bed 12 is opened first, not counted, as
                 the task before leaves bed 14 open).
  infusion_round_by_scan, infusion_round_by_key  the nurse's 输液巡视 of bed 12's bag: scan, the
                 rate (2 keys), Enter (3 keys, 1 scan); the next by Ctrl+I, Enter, Enter (3 keys),
                 the last rate filled in (see infusion_keys.py).
  front_sheet, adverse_event_report, handover_report  the front sheet (16 keys), an anonymous
                 fall report (10 keys) and the nurse's shift handover report (2 keys); see
                 ward_records_keys.py for the keys.
  coded_problem  on the open chart, pneumonia coded J18.9 on the problem list by its pinyin
                 initials: Ctrl+Alt+P, `fywtz`, Enter, Ctrl+Enter (8 keys; problem_keys.py).
  demo_login     a new user of the demo logs in as the nurse from the demo users list: Down,
                 Enter, Enter (3 keys); see first_run_keys.py.
  nursing_record_row  the nurse's timed 护理记录 row on bed 12 (vitals pulled in, IV intake, urine
                 output, signed): 15 keys; see nursing_record_keys.py.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCTOR, NURSE, PASSWORD, WARD, prepare_server_database, use_throwaway_keyring  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from workstation.clock import now_iso  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier
BED = "12"


@dataclass
class Counter:
    """Keys, clicks and scans of one task."""

    keys: int = 0
    clicks: int = 0
    scans: int = 0

    def chord(
        self, widget: QWidget, key: Qt.Key | str, modifier=Qt.KeyboardModifier.NoModifier
    ) -> None:  # noqa: ANN001
        """One key press (a chord counts as one)."""
        QTest.keyClick(widget, key, modifier)
        self.keys += 1

    def scan(self, widget: QWidget, code: str) -> None:
        """A wedge scanner: the code as one fast burst and Enter; one scan, no keys."""
        QTest.keyClicks(widget, code)
        QTest.keyClick(widget, Qt.Key.Key_Return)
        self.scans += 1

    def type(self, widget: QWidget, text: str) -> None:
        """Each character typed is one key."""
        QTest.keyClicks(widget, text)
        self.keys += len(text)


def wait_until(condition: Callable[[], bool], seconds: float = 20) -> None:
    """Let the event loop run until condition() holds (raises after `seconds`)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QTest.qWait(10)  # runs the event loop for 10 ms


def seed_ward(folder: Path, server_url: str) -> None:
    """A patient in bed 12 with a set of vitals, admitted through a workstation and synced."""
    from offline_cache.workstation import Workstation

    ws = Workstation.open(folder / "seeding", server_url=server_url, ward_id=WARD)
    try:
        ws.login(DOCTOR, PASSWORD)
        pid = ws.admit_patient({
            "record_number": "", "name": "王五", "sex": "male", "birth_date": "1950-04-05", "ward_id": WARD,
            "bed": BED, "admitted_at": now_iso(), "weight_kg": 70.0, "diagnosis": "pneumonia",
        }).patient_id  # fmt: skip
        # asked at admission: no known allergies (an undocumented status holds a first dose)
        ws.record("NoKnownAllergiesRecorded", patient_id=pid, payload={"source": "patient"})
        ws.record("VitalsRecorded", patient_id=pid, payload={
            "taken_at": now_iso(), "temperature_c": 37.8, "pulse_bpm": 92, "resp_rate": 20,
            "systolic_mmhg": 124, "diastolic_mmhg": 78, "spo2_pct": 95})  # fmt: skip
        ws.sync()
        ws.logout()
    finally:
        ws.close()


def open_window(
    folder: Path, server_url: str, username: str = DOCTOR, station_name: str = "station"
):  # noqa: ANN201
    """The shell on a fresh station, logged in as the doctor (or username; not counted)."""
    from offline_cache.workstation import Workstation
    from ui.screens.settings.controller import SettingsController
    from ui.screens.shell.controller import ShellController
    from ui.screens.shell.view import ShellView
    from ui.settings import StationSettings, save_settings, settings_path
    from ui.workers import Workers

    station = folder / station_name
    settings = StationSettings(server_url=server_url, ward_id=WARD, language="en")
    save_settings(settings_path(station), settings)
    ws = Workstation.open(station, server_url=server_url, ward_id=WARD)
    view = ShellView()
    shell = ShellController(view, ws, SettingsController(settings_path(station), settings, view),
                            workers=Workers("work", view), sync_workers=Workers("sync", view), parent=view)  # fmt: skip
    shell.start()
    view.show()
    view.activateWindow()
    login = view.login
    wait_until(login.username.hasFocus)
    QTest.keyClicks(login.username, username)
    QTest.keyClick(login.username, Qt.Key.Key_Return)
    QTest.keyClicks(login.password, PASSWORD)
    QTest.keyClick(login.password, Qt.Key.Key_Return)
    wait_until(lambda: view.census_model.rowCount() > 0 and not shell.sync_workers.busy())
    return view, shell, ws


def progress_note(view, shell) -> Counter:  # noqa: ANN001
    """Open bed 12 from the palette, write a daily progress note with .vitals, sign it."""
    from ui.screens.palette.view import PaletteView

    count = Counter()
    count.chord(view, Qt.Key.Key_K, CTRL)
    wait_until(
        lambda: any(p.isVisible() and p.input.hasFocus() for p in view.findChildren(PaletteView))
    )
    palette = next(p for p in view.findChildren(PaletteView) if p.isVisible())
    count.type(palette.input, BED)
    wait_until(lambda: bool(palette.lines()) and palette.lines()[0].startswith("Patient:   Bed 12"))
    count.chord(palette.input, Qt.Key.Key_Return)
    wait_until(lambda: view.chart.banner.name.text() == "王五")
    count.chord(view, Qt.Key.Key_N, CTRL)
    dialog = _dialog(view)
    count.chord(dialog.choices, "3")
    editor = view.chart.notes.editor
    wait_until(editor.hasFocus)
    for index, words in enumerate(("Less cough", ".vitals", "Improving", "Continue")):
        count.type(editor, words)
        if words.startswith("."):
            count.chord(editor, Qt.Key.Key_Space)
        if index < 3:
            count.chord(editor, Qt.Key.Key_F2)
    signed: list[str] = []
    shell.chart.notes.sig_note_signed.connect(signed.append)
    count.chord(editor, Qt.Key.Key_Return, CTRL)
    wait_until(lambda: bool(signed))
    return count


def _dialog(view):  # noqa: ANN001, ANN202
    from ui.screens.notes.dialogs import NoteTypeDialog

    wait_until(
        lambda: any(
            d.isVisible() and d.choices.hasFocus() for d in view.findChildren(NoteTypeDialog)
        )
    )
    return next(d for d in view.findChildren(NoteTypeDialog) if d.isVisible())


def seed_scheduled_dose(folder: Path, server_url: str) -> tuple[str, str]:
    """A metoprolol dose due now for bed 12, verified by a pharmacist; (wristband, label) codes."""
    from datetime import timedelta

    from offline_cache.workstation import Workstation
    from ui.scanner import wristband_code
    from workstation.clock import iso, utc_now
    from workstation.reports.labels import order_barcode
    from workstation.server import auth, refdata
    from workstation.server.db import make_engine, writer

    engine = make_engine(f"sqlite:///{folder / 'server.db'}")
    with writer(engine) as conn:
        with contextlib.suppress(ValueError):  # the shared bench ward may already have one
            auth.add_user(conn, username="bench.pharmacist", password=PASSWORD,
                          display_name="Pharmacist", role="pharmacist", wards=[WARD])  # fmt: skip
        refdata.publish_directory(conn)
    engine.dispose()
    ws = Workstation.open(folder / "seeding-orders", server_url=server_url, ward_id=WARD)
    try:
        ws.login(DOCTOR, PASSWORD)
        ws.sync()
        patient = next(p for p in ws.census(WARD) if p["bed"] == BED)
        start = iso(utc_now() - timedelta(minutes=5))
        order = ws.record("OrderPlaced", patient_id=patient["patient_id"], payload={
            "order_kind": "medication", "description": "metoprolol 25 mg po st", "start_at": start,
            "medication": {"drug_code": "metoprolol", "drug_name": "Metoprolol", "dose_value": 25,
                           "dose_unit": "mg", "route": "po", "frequency": "st"}}).event_id  # fmt: skip
        ws.sync()
        ws.login("bench.pharmacist", PASSWORD)
        ws.record("OrderVerified", patient_id=patient["patient_id"], payload={"order_id": order})
        ws.sync()
        ws.logout()
    finally:
        ws.close()
    return wristband_code(patient["record_number"]), order_barcode(order)


def scheduled_dose(folder: Path, server_url: str) -> Counter:
    """As the nurse, from the worklist: scan the wristband, scan the drug label, Enter to record."""
    from PySide6.QtWidgets import QApplication as App

    wristband, label = seed_scheduled_dose(folder, server_url)
    view, shell, ws = open_window(folder, server_url, NURSE, "nurse-station")
    nurse = shell.nurse
    wait_until(
        lambda: nurse.worklist_view.model.rowCount() > 0 and nurse.worklist_view.table.hasFocus()
    )
    count = Counter()
    count.scan(App.focusWidget(), wristband)
    wait_until(lambda: nurse.mar.patient is not None and nurse.mar_view.table.hasFocus())
    checked: list[object] = []
    nurse.mar.sig_scan_checked.connect(checked.append)
    count.scan(App.focusWidget(), label)
    wait_until(lambda: bool(checked) and nurse.mar_view.confirm.hasFocus())
    recorded: list[str] = []
    nurse.mar.sig_recorded.connect(recorded.append)
    count.chord(App.focusWidget(), Qt.Key.Key_Return)
    wait_until(lambda: bool(recorded))
    shell.shut_down()
    ws.close()
    view.close()
    return count


def _order_task(name: str) -> Callable[..., Counter]:
    import order_keys

    task = getattr(order_keys, name)
    return lambda view, shell: task(view, shell, Counter(), wait_until)


def _critical_task() -> Callable[..., Counter]:
    import critical_keys

    return lambda view, shell: critical_keys.acknowledge_critical_value(
        view, shell, Counter(), wait_until
    )


def _ward_records_task(name: str) -> Callable[..., Counter]:
    import ward_records_keys

    task = getattr(ward_records_keys, name)
    return lambda view, shell: task(view, shell, Counter(), wait_until)


def _problem_task() -> Callable[..., Counter]:
    import problem_keys

    return lambda view, shell: problem_keys.coded_problem(view, shell, Counter(), wait_until)


def handover_report(folder: Path, server_url: str) -> Counter:
    """As the nurse on her own station: the shift's report drafted, signed (ward_records_keys.py)."""
    import ward_records_keys

    view, shell, ws = open_window(folder, server_url, NURSE, "handover-station")
    counted = ward_records_keys.handover_report(view, shell, Counter(), wait_until)
    shell.shut_down()
    ws.close()
    view.close()
    return counted


def infusion_rounds(folder: Path, server_url: str) -> Iterator[tuple[str, Counter]]:
    """As the nurse: a round by scan, then the next by key (infusion_keys.py)."""
    import infusion_keys

    order = infusion_keys.seed_bag(folder, server_url, WARD,
                                   (DOCTOR, "bench.pharmacist", NURSE), PASSWORD)  # fmt: skip
    view, shell, ws = open_window(folder, server_url, NURSE, "infusion-station")
    yield (
        "infusion_round_by_scan",
        infusion_keys.round_by_scan(view, shell, Counter(), wait_until, order),
    )
    yield "infusion_round_by_key", infusion_keys.round_by_key(view, shell, Counter(), wait_until)
    shell.shut_down()
    ws.close()
    view.close()


TASKS = {
    "progress_note": progress_note,
    "medication_order_first_on_ward": _order_task("medication_order_first_on_ward"),
    "medication_order": _order_task("medication_order"),
    "temporary_nursing_order": _order_task("temporary_nursing_order"),
    "acknowledge_critical_value": _critical_task(),  # 危急值: at most 3 keys (issue 17)
    "front_sheet": _ward_records_task("front_sheet"),
    "adverse_event_report": _ward_records_task("adverse_event_report"),
    "coded_problem": _problem_task(),  # problem list with the ICD-10 picker (issue 13)
}


def nursing_record_row(folder: Path, server_url: str) -> Counter:
    """As the nurse on her own station: one signed row of bed 12's record (nursing_record_keys.py)."""
    import nursing_record_keys

    view, shell, ws = open_window(folder, server_url, NURSE, "nursing-record-station")
    nursing_record_keys.open_bed(view, BED, "王五", wait_until)
    counted = nursing_record_keys.nursing_record_row(view, shell, Counter(), wait_until)
    shell.shut_down()
    ws.close()
    view.close()
    return counted


def demo_login(folder: Path, server_url: str) -> Counter:
    """A new user logs in as the nurse from the demo users list (first_run_keys.py)."""
    import first_run_keys

    users = {DOCTOR: PASSWORD, NURSE: PASSWORD}
    return first_run_keys.demo_login(folder, server_url, prepared_url(folder), users, WARD,
                                     Counter(), wait_until)  # fmt: skip


STATION_TASKS = {
    "demo_login": demo_login,  # issue 14 item 5: 3 keys from the demo users list
    "scheduled_dose": scheduled_dose,
    "handover_report": handover_report,
    "nursing_record_row": nursing_record_row,
}  # each opens its own window


def pharmacy_runs(folder: Path, server_url: str) -> Iterator[tuple[str, Callable[[], Counter]]]:
    """The pharmacist's tasks in a window logged in as the bench pharmacist (set up when reached)."""
    import pharmacy_keys

    pharmacy_keys.add_pharmacist(prepared_url(folder), PASSWORD, WARD)
    pharmacy_keys.read_skin_tests(prepared_url(folder), folder, server_url, WARD, NURSE, PASSWORD)
    pharmacy_keys.seed_pharmacy(folder, server_url, WARD, DOCTOR, PASSWORD)
    view, shell, _ws = open_window(folder, server_url, pharmacy_keys.PHARMACIST, "pharmacy")
    for name, task in pharmacy_keys.TASKS.items():
        yield name, lambda t=task: t(view, shell, Counter(), wait_until)


def prepared_url(folder: Path) -> str:
    """The bench server database's URL (as main() makes it)."""
    return f"sqlite:///{folder / 'server.db'}"


def _print(name: str, counted: Counter, as_json: bool) -> None:
    line = {"task": name, "keys": counted.keys, "clicks": counted.clicks, "scans": counted.scans}
    print(
        json.dumps(line)
        if as_json
        else f"{name}: {counted.keys} keys, {counted.clicks} clicks, {counted.scans} scans"
    )


def main() -> int:
    """Run each task once on a fresh ward and print its counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON line per task")
    args = parser.parse_args()
    from workstation.server.embedded import EmbeddedServer

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="cw-keys-") as tmp:
        folder = Path(tmp)
        use_throwaway_keyring(folder)
        url = f"sqlite:///{folder / 'server.db'}"
        prepare_server_database(url)
        server = EmbeddedServer(url).start()
        try:
            seed_ward(folder, server.url)
            import order_keys

            order_keys.seed_second_patient(folder, server.url, WARD, DOCTOR, PASSWORD)
            import critical_keys

            critical_keys.seed_critical(folder, url, server.url, WARD, PASSWORD)
            view, shell, ws = open_window(folder, server.url)
            runs = [(name, lambda t=task: t(view, shell)) for name, task in TASKS.items()]
            for name, run in chain(runs, pharmacy_runs(folder, server.url)):
                counted = run()
                line = {
                    "task": name,
                    "keys": counted.keys,
                    "clicks": counted.clicks,
                    "scans": counted.scans,
                }
                print(
                    json.dumps(line)
                    if args.json
                    else f"{name}: {counted.keys} keys, {counted.clicks} clicks, {counted.scans} scans"
                )
            shell.shut_down()
            ws.close()
            view.close()
            for name, station_task in STATION_TASKS.items():
                _print(name, station_task(folder, server.url), args.json)
            for name, counted in infusion_rounds(folder, server.url):
                _print(name, counted, args.json)
        finally:
            server.stop()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
