"""Screenshots of every main screen in Simplified Chinese and English, for people to look at.

    python bench/screenshots.py --out /tmp/shots                    # offscreen
    xvfb-run -a -s "-screen 0 1366x768x24" python bench/screenshots.py --out /tmp/shots  # real X
    python bench/screenshots.py --out /tmp/shots --languages en --only chart

A review tool, not a benchmark: it measures nothing and asserts nothing. It exists because a
translation left in English, a clipped label or an empty panel shows only on a screen, and the
tests read widget texts, not pixels. Everything is real: the demo ward (`workstation-server init
--demo`, loaded as `workstation demo` loads it) on SQLite in a temporary folder, served by the
embedded server, and one encrypted station per role logged in by typing, as people do: the
cardiology physician (census, chart tabs, palette, F1, needs-attention, print preview, lock,
themes), the cardiology nurse (worklist, MAR, vitals entry, Morse, Braden, handoff, closed loop),
the pharmacist (verification queue, counter, ward pick list, stock, returns, formulary import), the
cardiology head nurse (her ward's dashboard tabs, the roster, the feedback box and board) and the
medical affairs office (the whole hospital's dashboard tabs).

Each screen is saved as `<language>-<screen>.png` at 1366x768 with `QWidget.grab()`; a dialog
open over the window is painted onto the window where it stands, so the picture is what the
user sees. One JSON line per file is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SIZE = (1366, 768)  # the commonest ward PC screen


def _offscreen_screen() -> None:
    """Offscreen, a 1366x768 screen (Qt's offscreen one is 800x600 and would squeeze the
    dialogs, which Qt keeps on the screen, into its corner)."""
    platform = os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if platform != "offscreen":
        return
    config = Path(tempfile.mkdtemp(prefix="cw-screen-")) / "screen.json"
    width, height = SIZE
    config.write_text(json.dumps({"screens": [{"name": "ward", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpiX": 96, "logicalDpiY": 96}]}))  # fmt: skip
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


_offscreen_screen()
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import use_throwaway_keyring  # noqa: E402
from keystrokes import wait_until  # noqa: E402
from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

WARD = "CARD"  # the demo's cardiology ward and its staff (workstation/server/demo.py)
DOCTOR, NURSE, PHARMACIST = "card.physician", "card.nurse", "pharmacist"
HEAD_NURSE, OFFICE = "card.head_nurse", "medical.affairs"  # the managers (issue 15)
LANGUAGES = ("zh_CN", "en")
THEMES = ("dark", "high-contrast", "large-font")  # ui/tokens.py; the default is every other shot
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier
# an order each demo allergy should stop (resources/demo/common.json), typed on the Orders tab
ALLERGY_ORDERS = {"penicillin": "amox 500mg po tid 7d", "青霉素": "amox 500mg po tid 7d",
                  "sulfonamide": "furosemide 20mg iv bid", "磺胺": "furosemide 20mg iv bid",
                  "cephalosporin": "ceftriaxone 2g iv qd", "头孢": "ceftriaxone 2g iv qd",
                  "aspirin": "aspirin 100mg po qd", "阿司匹林": "aspirin 100mg po qd"}  # fmt: skip
OVERDOSE_ORDER = "paracetamol 2g po q6h"  # 8 g a day: above the dose limit when nobody is allergic
SIGNED_ORDER = "omeprazole 20mg po qd"  # signed by the doctor, so the pharmacist has one to verify
TITLE_BAR = 26  # pixels of the title bar painted above a dialog (grab() leaves the frame out)


class Camera:
    """Saves what the window shows (with its open dialogs) and prints one JSON line per file."""

    def __init__(self, out: Path, only: str | None):
        self.out, self.only = out, only
        self.language = ""
        self.saved: list[Path] = []

    def wanted(self, screen: str) -> bool:
        """Whether --only lets this screen through."""
        return self.only is None or self.only in screen

    def shoot(self, window: QWidget, screen: str) -> None:
        """Let the screen settle, then save it."""
        if not self.wanted(screen):
            return
        settle()
        picture = composite(window)
        path = self.out / f"{self.language}-{screen}.png"
        picture.save(str(path))
        self.saved.append(path)
        line = {"screen": screen, "language": self.language, "file": str(path),
                "width": picture.width(), "height": picture.height(), "focus": focus_name()}  # fmt: skip
        print(json.dumps(line, ensure_ascii=False), flush=True)


def settle(ms: int = 400) -> None:
    """Run the event loop a little so workers' results are shown and everything is painted."""
    QTest.qWait(ms)


def focus_name() -> str:
    """Which widget has the keyboard (class and object name), for the review."""
    widget = QApplication.focusWidget()
    if widget is None:
        return ""
    return (
        f"{type(widget).__name__}#{widget.objectName()}"
        if widget.objectName()
        else type(widget).__name__
    )


def composite(window: QWidget) -> QPixmap:
    """The window's picture with every visible dialog of it painted where it stands on screen."""
    picture = window.grab()
    painter = QPainter(picture)
    origin = window.mapToGlobal(QPoint(0, 0))
    for dialog in open_dialogs(window):
        corner = dialog.mapToGlobal(QPoint(0, 0)) - origin
        bar = QRect(corner.x(), corner.y() - TITLE_BAR, dialog.width(), TITLE_BAR)
        painter.fillRect(bar, QColor("#3c4043"))
        painter.setPen(QColor("white"))
        painter.drawText(
            bar.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter, dialog.windowTitle()
        )
        painter.drawPixmap(corner, dialog.grab())
    painter.end()
    return picture


def open_dialogs(window: QWidget) -> list[QWidget]:
    """The window's visible top-level children (dialogs, the palette), oldest first."""
    found = []
    for widget in QApplication.topLevelWidgets():
        if widget is window or not widget.isVisible() or not widget.isWindow():
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            parent = parent.parentWidget()
        if parent is window:
            found.append(widget)
    return found


def close_dialogs(window: QWidget) -> None:
    """Esc on every open dialog, newest first."""
    for dialog in reversed(open_dialogs(window)):
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()
    settle(200)


def key(window: QWidget, which: Qt.Key | str, modifier: Any = NONE) -> None:
    """A key press where the keyboard is, as a person presses it."""
    QTest.keyClick(QApplication.focusWidget() or window, which, modifier)


def dialog_of(window: QWidget, kind: type) -> Any:
    """Wait for a visible dialog of a class over the window and return it."""
    wait_until(lambda: any(isinstance(d, kind) for d in open_dialogs(window)))
    return next(d for d in open_dialogs(window) if isinstance(d, kind))


# -- the stations ------------------------------------------------------------------------------
@contextmanager
def station(folder: Path, server_url: str, language: str, name: str) -> Iterator[tuple[Any, Any]]:
    """A fresh shell on its own encrypted station, at 1366x768, on the login page."""
    from offline_cache.workstation import Workstation
    from ui.screens.settings.controller import SettingsController
    from ui.screens.shell.controller import ShellController
    from ui.screens.shell.view import ShellView
    from ui.settings import StationSettings, save_settings, settings_path
    from ui.workers import Workers

    path = folder / f"{name}-{language}"
    settings = StationSettings(server_url=server_url, ward_id=WARD, language=language)
    save_settings(settings_path(path), settings)
    ws = Workstation.open(path, server_url=server_url, ward_id=WARD)
    view = ShellView()
    shell = ShellController(view, ws, SettingsController(settings_path(path), settings, view),
                            workers=Workers("work", view), sync_workers=Workers("sync", view), parent=view)  # fmt: skip
    shell.start()
    view.resize(*SIZE)
    view.show()
    view.activateWindow()
    try:
        yield view, shell
    finally:
        close_dialogs(view)
        shell.shut_down()
        ws.close()
        view.close()
        view.deleteLater()
        settle(100)


def log_in(view: Any, shell: Any, username: str, password: str) -> None:
    """Type the user name, Enter, the password, Enter; wait for the first sync to finish."""
    login = view.login
    wait_until(login.username.hasFocus)
    QTest.keyClicks(login.username, username)
    QTest.keyClick(login.username, Qt.Key.Key_Return)
    QTest.keyClicks(login.password, password)
    QTest.keyClick(login.password, Qt.Key.Key_Return)
    wait_until(lambda: shell.session is not None, 60)
    wait_until(lambda: view.census_model.rowCount() > 0 and not shell.sync_workers.busy(), 120)
    shell.workers.wait()
    settle()


def open_patient(view: Any, shell: Any, patient_id: str) -> None:
    """Open a chart as from the census and wait until every tab has it."""
    opened: list[str] = []
    shell.chart.sig_chart_opened.connect(opened.append)
    shell.chart.open(patient_id)
    wait_until(lambda: patient_id in opened, 60)
    shell.chart.sig_chart_opened.disconnect(opened.append)
    shell.workers.wait()
    settle()


def allergic_patient(ws: Any) -> tuple[str, str]:
    """A ward patient with a recorded allergy and an order that allergy should stop (else any
    patient and an overdose), so the Orders tab shows a check alert."""
    from sqlalchemy import select

    from workstation.projections import tables as pt

    census = ws.census(WARD)
    beds = {p["patient_id"]: p for p in census}
    a = pt.allergies.c
    with ws.store.reading() as conn:
        rows = conn.execute(select(a.patient_id, a.substance).where(a.voided.is_(False))).all()
    for allergen, sentence in ALLERGY_ORDERS.items():  # penicillin first: its alert is critical
        for patient_id, substance in rows:
            if patient_id in beds and allergen in substance.lower():
                return patient_id, sentence
    return census[0]["patient_id"], OVERDOSE_ORDER


# -- the screens -------------------------------------------------------------------------------
CHART_TABS = ("summary", "notes", "orders", "results", "vitals", "problems", "allergies")


def doctor_screens(camera: Camera, view: Any, shell: Any, password: str) -> None:
    """Login, census, every chart tab, palette, F1, needs-attention, print preview, themes, lock."""
    from ui.screens.attention.view import AttentionView
    from ui.screens.dialogs.shortcuts import ShortcutsDialog
    from ui.screens.notes.dialogs import NoteTypeDialog
    from ui.screens.palette.view import PaletteView
    from ui.screens.printing.preview import PrintPreviewDialog

    camera.shoot(view, "login")
    if ROSTER and camera.wanted("demo-users"):  # as `workstation demo` opens it over the login
        from ui.app import demo_users_dialog

        users = demo_users_dialog(shell, ROSTER, Path("demo-passwords.json"))
        users.show()
        camera.shoot(view, "demo-users")
        users.reject()
    log_in(view, shell, DOCTOR, password)
    camera.shoot(view, "census")
    critical_screens(camera, view, shell)
    patient_id, sentence = allergic_patient(shell.workstation)
    open_patient(view, shell, patient_id)
    for number, tab in enumerate(CHART_TABS, start=1):
        key(view, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        settle()
        if tab == "notes":
            key(view, Qt.Key.Key_N, CTRL)
            QTest.keyClick(dialog_of(view, NoteTypeDialog).choices, "3")  # a daily progress note
            wait_until(view.chart.notes.editor.hasFocus)
        if tab == "orders":
            view.chart.orders.line.setFocus()
            QTest.keyClicks(view.chart.orders.line, sentence)
            wait_until(lambda: bool(view.chart.orders.alerts.text()), 30)
        camera.shoot(view, f"chart-{tab}")
        if tab == "vitals":  # the trend in place of the flowsheet (Alt+T)
            QTest.keyClick(view.chart.vitals, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
            settle()
            camera.shoot(view, "chart-vitals-trend")
            view.chart.vitals.show_view(trend=False)
        if tab == "orders":
            key(view, Qt.Key.Key_P, CTRL)
            dialog_of(view, PrintPreviewDialog)
            camera.shoot(view, "print-preview")
            close_dialogs(view)
            sign_order(view, shell)
    for chord, modifier, kind, screen in ((Qt.Key.Key_K, CTRL, PaletteView, "palette"),
                                          (Qt.Key.Key_F1, NONE, ShortcutsDialog, "shortcuts"),
                                          (Qt.Key.Key_A, CTRL | SHIFT, AttentionView, "needs-attention")):  # fmt: skip
        if kind is AttentionView:
            refused_change(shell, patient_id)
        key(view, chord, modifier)
        dialog_of(view, kind)
        shell.workers.wait()
        camera.shoot(view, screen)
        close_dialogs(view)
    themes(camera, view)
    key(view, Qt.Key.Key_L, CTRL)
    wait_until(lambda: view.pages.currentWidget() is view.login)
    camera.shoot(view, "lock")


def critical_screens(camera: Camera, view: Any, shell: Any) -> None:
    """A patient with an open critical value (危急值): the red banner line and status-bar count,
    then the acknowledgement form (Ctrl+Shift+K), left without recording."""
    from ui.screens.critical.dialogs import AcknowledgeDialog

    wait_until(lambda: any(p.get("critical_open") for p in view.census_model.patients), 60)
    patient = next(p for p in view.census_model.patients if p.get("critical_open"))
    open_patient(view, shell, patient["patient_id"])
    camera.shoot(view, "critical-banner")
    key(view, Qt.Key.Key_K, CTRL | SHIFT)
    dialog_of(view, AcknowledgeDialog)
    camera.shoot(view, "critical-acknowledge")
    close_dialogs(view)


def refused_change(shell: Any, patient_id: str) -> None:
    """A weight change made on a version of the patient the server has moved past (as when a
    colleague's change came first): the server refuses it, so needs-attention has a line."""
    shell.workstation.record("DemographicsUpdated", patient_id=patient_id,
                             payload={"base_version": 99, "weight_kg": 70.0})  # fmt: skip
    wait_until(lambda: not shell.sync_workers.busy(), 60)
    shell.sync_now()
    wait_until(lambda: shell.workstation.status().needs_attention > 0, 60)
    wait_until(lambda: not shell.sync_workers.busy(), 60)


def sign_order(view: Any, shell: Any) -> None:
    """Esc clears the line; a plain order, Enter, F9 signs it; synced for the pharmacist's queue."""
    line = view.chart.orders.line
    QTest.keyClick(line, Qt.Key.Key_Escape)
    QTest.keyClicks(line, SIGNED_ORDER)
    wait_until(lambda: bool(view.chart.orders.preview.text()), 30)
    QTest.keyClick(line, Qt.Key.Key_Return)
    wait_until(lambda: view.chart.orders.basket.count() == 1, 30)
    QTest.keyClick(line, Qt.Key.Key_F9)
    wait_until(lambda: view.chart.orders.basket.count() == 0, 30)
    shell.workers.wait()
    wait_until(lambda: not shell.sync_workers.busy(), 60)
    shell.sync_now()
    wait_until(
        lambda: not shell.sync_workers.busy() and shell.workstation.status().waiting == 0, 60
    )


def themes(camera: Camera, view: Any) -> None:
    """The census beside the chart's Summary and Vitals in each accessible theme."""
    from ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for theme in THEMES:
        apply_theme(app, theme)
        for number, tab in ((1, "summary"), (5, "vitals")):
            key(view, Qt.Key(Qt.Key.Key_0 + number), CTRL)
            camera.shoot(view, f"theme-{theme}-census-{tab}")
    apply_theme(app, "default")
    view.resize(*SIZE)  # a theme wider than the screen grew the window; the next shots are 1366


def nurse_screens(camera: Camera, view: Any, shell: Any, password: str) -> None:
    """Worklist, MAR, closed loop, vitals entry, Morse, Braden, handoff, ward handoff list."""
    from ui.screens.assessments.dialog import ScaleDialog
    from ui.screens.closed_loop.dialog import ClosedLoopDialog
    from ui.screens.handoff.dialog import HandoffDialog
    from ui.screens.handoff.ward import WardHandoffDialog

    log_in(view, shell, NURSE, password)
    nurse = shell.nurse
    wait_until(lambda: nurse.worklist_view.model.rowCount() > 0, 30)
    camera.shoot(view, "worklist")
    open_patient(view, shell, medicated_patient(shell.workstation))
    key(view, Qt.Key.Key_8, CTRL)
    wait_until(lambda: nurse.mar_view.model.rowCount() > 0, 30)
    camera.shoot(view, "mar")
    key(view, Qt.Key.Key_T, CTRL)
    dialog_of(view, ClosedLoopDialog)
    shell.workers.wait()
    camera.shoot(view, "closed-loop")
    close_dialogs(view)
    key(view, Qt.Key.Key_5, CTRL)
    view.chart.vitals.form.first_field().setFocus()
    camera.shoot(view, "vitals-entry")
    for chord, kind, screen in ((Qt.Key.Key_M, ScaleDialog, "morse"), (Qt.Key.Key_B, ScaleDialog, "braden"),
                                (Qt.Key.Key_H, HandoffDialog, "handoff"),
                                (Qt.Key.Key_W, WardHandoffDialog, "ward-handoff")):  # fmt: skip
        key(view, chord, CTRL | SHIFT)
        opened = dialog_of(view, kind)
        shell.workers.wait()
        if isinstance(opened, ScaleDialog):  # answered by keys as a nurse does, but the last item
            first = next(iter(opened.boxes.values()))
            wait_until(lambda: QApplication.focusWidget() is first)  # noqa: B023
            for _box in list(opened.boxes)[:-1]:
                QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
                QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        camera.shoot(view, screen)
        if isinstance(opened, ScaleDialog):  # and with the last answered: total and risk band
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
            camera.shoot(view, f"{screen}-total")
        close_dialogs(view)


def medicated_patient(ws: Any) -> str:
    """The ward patient with the most active medication orders (the fullest MAR)."""
    from sqlalchemy import func, select

    from workstation.projections import tables as pt

    beds = {p["patient_id"] for p in ws.census(WARD)}
    o = pt.orders.c
    with ws.store.reading() as conn:
        counts = conn.execute(
            select(o.patient_id, func.count())
            .where(o.order_kind == "medication")
            .group_by(o.patient_id)
            .order_by(func.count().desc())
        ).all()
    return next(patient_id for patient_id, _n in counts if patient_id in beds)


PHARMACY_SCREENS = {"F11": "verification-queue", "F12": "outpatient-counter",
                    "Ctrl+F11": "ward-pick-list", "Ctrl+F12": "stock", "Shift+F12": "returns",
                    "": "formulary-import"}  # fmt: skip


def pharmacist_screens(camera: Camera, view: Any, shell: Any, password: str) -> None:
    """Each page of the Pharmacy menu (queue, counter, pick list, stock, returns, formulary
    import), and the counter serving the first number called."""
    log_in(view, shell, PHARMACIST, password)
    pharmacy = shell.pharmacy
    for action in pharmacy.actions:
        keys = action.shortcut().toString()
        screen = PHARMACY_SCREENS.get(keys) or action.text().replace("&", "").lower().replace(
            " ", "-"
        )
        action.trigger()
        shell.workers.wait()
        camera.shoot(view, screen)
        if screen == "outpatient-counter":
            key(view, Qt.Key.Key_F5)  # call the next number: a prescription being served
            wait_until(lambda: pharmacy.serving is not None, 30)
            shell.workers.wait()
            camera.shoot(view, "outpatient-counter-serving")


def dashboard_tabs(camera: Camera, view: Any, shell: Any, prefix: str) -> None:
    """Each tab of the managers' dashboard once every tab has its figures from the server."""
    dashboard = shell.dashboard
    loaded: set[str] = set()
    dashboard.sig_loaded.connect(loaded.add)
    if view.pages.currentWidget() is not dashboard.view:
        dashboard.open()
    wait_until(lambda: len(loaded) >= len(dashboard.view.pages), 120)
    for index, tab in enumerate(dashboard.view.pages):
        dashboard.view.tabs.setCurrentIndex(index)
        camera.shoot(view, f"{prefix}-{tab.path.rsplit('/', 1)[-1]}")


def office_screens(camera: Camera, view: Any, shell: Any, password: str) -> None:
    """The medical affairs office: it lands on the whole hospital's dashboard (no census)."""
    login = view.login
    wait_until(login.username.hasFocus)
    QTest.keyClicks(login.username, OFFICE)
    QTest.keyClick(login.username, Qt.Key.Key_Return)
    QTest.keyClicks(login.password, password)
    QTest.keyClick(login.password, Qt.Key.Key_Return)
    wait_until(lambda: shell.session is not None, 60)
    dashboard_tabs(camera, view, shell, "office-dashboard")


def head_nurse_screens(camera: Camera, view: Any, shell: Any, password: str) -> None:
    """The head nurse: her ward's dashboard, the roster, the feedback box and board."""
    log_in(view, shell, HEAD_NURSE, password)
    key(view, Qt.Key.Key_D, CTRL | ALT)
    dashboard_tabs(camera, view, shell, "head-nurse-dashboard")
    key(view, Qt.Key.Key_R, CTRL | ALT)
    wait_until(lambda: len(shell.roster.view.model.days) == 7, 60)
    camera.shoot(view, "roster")
    key(view, Qt.Key.Key_F4)
    camera.shoot(view, "feedback-box")
    close_dialogs(view)
    key(view, Qt.Key.Key_F4, SHIFT)
    shell.sync_workers.wait()
    camera.shoot(view, "feedback-board")


ROSTER: list[Any] = []  # the demo users with their roles and wards, read once the demo is loaded
ROLES: tuple[tuple[str, str, Callable[..., None]], ...] = (
    ("doctor", DOCTOR, doctor_screens),
    ("nurse", NURSE, nurse_screens),
    ("pharmacist", PHARMACIST, pharmacist_screens),
    ("head-nurse", HEAD_NURSE, head_nurse_screens),
    ("office", OFFICE, office_screens),
)


def photograph(camera: Camera, screens: Callable[..., None], opened: Any, password: str) -> bool:
    """One role's screens; a screen that does not come up is said on stderr (with the traceback)
    and the other roles' screens are still taken."""
    try:
        with opened as (view, shell):
            screens(camera, view, shell, password)
    except Exception:  # noqa: BLE001 - a review tool reports and goes on
        print(f"{camera.language} {screens.__name__}: failed", file=sys.stderr, flush=True)
        traceback.print_exc()
        return False
    return True


def use_language(app: QApplication, language: str, build_dir: Path) -> None:
    """Swap the translators and the font, as the program does at start for its language."""
    from PySide6.QtCore import QTranslator

    from ui.i18n import install_language
    from ui.theme import apply_font, apply_theme

    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
        translator.deleteLater()
    install_language(app, language, build_dir)
    apply_font(app, language)
    apply_theme(app, "default")


def main() -> int:
    """Load the demo ward, then photograph each role's screens in each language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="zh_CN,en (default both)")
    parser.add_argument("--only", help="only the screens whose name contains this text")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from ui import launch
    from workstation.server.embedded import EmbeddedServer

    app = QApplication.instance() or QApplication(sys.argv[:1])
    camera = Camera(args.out, args.only)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="cw-shots-") as tmp:
        folder = Path(tmp)
        use_throwaway_keyring(folder)
        database, passwords = launch.prepare_demo_server(folder / "demo")
        ROSTER[:] = launch.read_roster(database, passwords)
        server = EmbeddedServer(database).start()
        try:
            for language in args.languages.split(","):
                camera.language = language
                use_language(app, language, folder / "i18n")
                for role, username, screens in ROLES:
                    failed += not photograph(camera, screens, station(folder, server.url, language, role),
                                             passwords[username])  # fmt: skip
        finally:
            server.stop()
    del app
    return 0 if camera.saved and not failed else 1


if __name__ == "__main__":
    code = main()
    os._exit(code)  # skip interpreter teardown: PySide6 can crash freeing windows late
