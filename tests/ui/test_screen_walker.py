"""The screen walker: the doctor, the nurse and the pharmacist log in, in Chinese and in English,
and every main screen, chart tab and dialog reachable from the window is opened; what it shows
must hold no time on UTC instead of the ward's clock, no raw code and no word of the other
language (people's names and free text being shown as recorded); and at 1366x768 no widget may
be cut off by its parent, no window be larger than the screen, no main table show fewer than ten
rows. One combined walk covers the themes: each role walks in a different theme in each language
(THEMES), so every theme is walked in both languages and the large-font one by every clinician."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from offline_cache import keystore
from offline_cache.workstation import Workstation
from tests.support.keyring import use_test_keyring
from tests.ui.helpers import LOGIN_SECONDS_MS, type_login
from tests.ui.walker_layout import Flaw, layout_flaws
from tests.ui.walker_texts import Seen, other_language, raw_codes, utc_times, visible_texts
from tests.ui.walker_ward import (
    ADMIN,
    DOCTOR,
    FREE_TEXT,
    NURSE,
    PASSWORD,
    PHARMACIST,
    STAFF,
    WARD,
    WalkerWard,
    create_database,
    seed,
    ward_and_utc_times,
)
from ui.i18n import install_language
from ui.screens.settings.controller import SettingsController
from ui.screens.shell.controller import ShellController
from ui.screens.shell.view import ShellView
from ui.settings import StationSettings, save_settings, settings_path
from ui.theme import apply_theme
from ui.workers import Workers
from workstation.server.embedded import EmbeddedServer

LANGUAGES = ("en", "zh_CN")
# the theme each role walks in, per language: every theme in both languages, large font for
# the doctor, the nurse and the pharmacist (the layouts it can push off the screen)
THEMES = {
    "en": {"doctor": "large-font", "nurse": "dark", "pharmacist": "high-contrast",
           "office": "default"},
    "zh_CN": {"doctor": "high-contrast", "nurse": "large-font", "pharmacist": "large-font",
              "office": "dark"},
}  # fmt: skip


@pytest.fixture(scope="module")
def walker_ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, WalkerWard]]:
    """One server over the walker's ward for every language and role."""
    folder = tmp_path_factory.mktemp("walker")
    previous = keyring.get_keyring()
    use_test_keyring(folder / "keyring.cfg")  # the seeding station's, before each test's own
    url = create_database(folder)
    server = EmbeddedServer(url).start()
    try:
        ward = seed(folder, server.url, url)
    finally:
        keystore.forget_accepted_backends()
        keyring.set_keyring(previous)
    yield server.url, ward
    server.stop()


class Walk:
    """One role's shell on its own station, and what it has seen."""

    def __init__(self, qtbot: QtBot, folder: Path, server_url: str, language: str):
        self.qtbot, self.seen, self.flaws = qtbot, [], []  # type: ignore[var-annotated]
        settings = StationSettings(server_url=server_url, ward_id=WARD, language=language)
        save_settings(settings_path(folder), settings)
        self.ws = Workstation.open(folder, server_url=server_url, ward_id=WARD)
        self.view = ShellView()
        # not qtbot.addWidget: close() deletes the window itself, before the next role
        self.shell = ShellController(
            self.view, self.ws, SettingsController(settings_path(folder), settings, self.view),
            workers=Workers("work", self.view), sync_workers=Workers("sync", self.view),
            parent=self.view)  # fmt: skip
        self.shell.start()
        self.view.resize(1366, 768)
        self.view.show()
        qtbot.waitExposed(self.view)

    def log_in(self, username: str, patients: int = 2) -> None:
        """Read the login screen, type the login; wait for the first sync's census."""
        self.look("login")
        with self.qtbot.waitSignal(self.shell.login.sig_logged_in, timeout=LOGIN_SECONDS_MS):
            type_login(self.qtbot, self.view, username, PASSWORD)
        self.qtbot.waitUntil(lambda: self.view.census_model.rowCount() == patients,
                             timeout=LOGIN_SECONDS_MS)  # fmt: skip
        self.settle()

    def settle(self) -> None:
        """Let every worker finish and its answer reach the screen."""
        self.qtbot.waitUntil(lambda: not self.shell.workers.busy(), timeout=LOGIN_SECONDS_MS)
        self.qtbot.waitUntil(lambda: not self.shell.sync_workers.busy(), timeout=LOGIN_SECONDS_MS)
        QApplication.processEvents()

    def look(self, screen: str) -> None:
        """Read what the window and its dialogs show now."""
        self.settle()
        self.seen += visible_texts(screen, self.view)
        self.flaws += layout_flaws(screen, self.view)

    def open_chart(self, patient_id: str) -> None:
        """Open a chart as from the census."""
        with self.qtbot.waitSignal(self.shell.chart.sig_chart_opened, timeout=LOGIN_SECONDS_MS):
            self.shell.chart.open(patient_id)
        self.settle()

    def dialog(self, screen: str, trigger: Callable[[], None]) -> None:
        """Open a dialog, read it and the window under it, close it."""
        trigger()
        self.qtbot.waitUntil(lambda: bool(self.dialogs()), timeout=LOGIN_SECONDS_MS)
        self.look(screen)
        for dialog in self.dialogs():
            dialog.reject() if isinstance(dialog, QDialog) else dialog.close()
        QApplication.processEvents()

    def dialogs(self) -> list[QWidget]:
        """Visible windows over the shell."""
        return [w for w in QApplication.topLevelWidgets()
                if w is not self.view and w.isVisible() and w.isWindow()]  # fmt: skip

    def close(self) -> None:
        """Shut the shell and its station, and delete the window: the next role's theme then
        restyles only its own widgets (a style sheet costs seconds over every window left)."""
        self.shell.shut_down()
        self.ws.close()
        self.view.close()
        for window in (self.view, *self.dialogs()):
            window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def doctor_screens(walk: Walk, ward: WalkerWard) -> None:
    """The census, every chart tab of both patients, the doctor's dialogs (front sheet, adverse
    event, nursing level, consultation, critical value, opioid tolerance, break the glass,
    settings), needs-attention, palette, F1."""
    walk.log_in(DOCTOR)
    walk.look("census")
    for patient_id in (ward.chinese, ward.english):
        walk.open_chart(patient_id)
        for number, action in enumerate(walk.view.tab_actions, start=1):
            action.trigger()
            walk.look(f"chart tab {number}")
    refused_change(walk, ward.english)
    records = walk.shell.ward_records
    walk.dialog("front sheet", records.front_action.trigger)
    walk.dialog("adverse event", records.adverse_action.trigger)
    level, _round, _barthel, consultation, _arrived = walk.shell.care.actions
    for name, action in (("nursing level", level), ("consultation", consultation),
                         ("critical value", walk.shell.critical.action),
                         ("opioid tolerance", walk.shell.opioid_tolerance.action),
                         ("break the glass", walk.shell.break_glass.action),
                         ("settings", walk.view.settings_action)):  # fmt: skip
        walk.dialog(name, action.trigger)
    walk.dialog("needs attention", walk.view.attention_action.trigger)
    walk.dialog("palette", walk.view.palette_action.trigger)
    walk.dialog("shortcuts", walk.view.shortcuts_action.trigger)
    walk.view.lock_action.trigger()
    walk.qtbot.waitUntil(lambda: walk.shell.locked, timeout=LOGIN_SECONDS_MS)
    walk.look("locked")


def refused_change(walk: Walk, patient_id: str) -> None:
    """A change to a version the server has moved past: it is refused as a conflict."""
    walk.ws.record("DemographicsUpdated", patient_id=patient_id,
                   payload={"base_version": 99, "weight_kg": 70.0})  # fmt: skip
    walk.settle()
    walk.shell.sync_now()
    walk.qtbot.waitUntil(lambda: walk.ws.status().needs_attention > 0, timeout=LOGIN_SECONDS_MS)
    walk.settle()


def nurse_screens(walk: Walk, ward: WalkerWard) -> None:
    """The worklist, the MAR of both patients, the closed loop, the admission assessment, Morse,
    Braden, Barthel, handoffs, the ward delivery and the ward handover report."""
    walk.log_in(NURSE)
    walk.qtbot.waitUntil(lambda: walk.shell.nurse.worklist_view.model.rowCount() > 0,
                         timeout=LOGIN_SECONDS_MS)  # fmt: skip
    walk.look("worklist")
    station = walk.shell.nursing_forms
    for patient_id in (ward.chinese, ward.english):
        walk.open_chart(patient_id)
        walk.shell.nurse.mar_action.trigger()
        walk.qtbot.waitUntil(lambda: walk.shell.nurse.mar_view.model.rowCount() > 0,
                             timeout=LOGIN_SECONDS_MS)  # fmt: skip
        walk.look("MAR")
        walk.shell.nurse.mar_view.table.selectRow(0)
        walk.dialog("closed loop", station.loop_action.trigger)
    for name in ("admission_action", "morse_action", "braden_action", "handoff_action",
                 "ward_handoff_action", "receipt_action"):  # fmt: skip
        walk.dialog(name, getattr(station, name).trigger)
    walk.dialog("ward handover report", walk.shell.ward_records.handover_action.trigger)
    walk.dialog("Barthel", walk.shell.care.actions[2].trigger)


def pharmacist_screens(walk: Walk, ward: WalkerWard) -> None:
    """Every page of the Pharmacy menu."""
    walk.log_in(PHARMACIST)
    for action in walk.shell.pharmacy.actions:
        action.trigger()
        walk.look(f"pharmacy {action.text()}")


def office_screens(walk: Walk, ward: WalkerWard) -> None:
    """The medical-affairs office: prescribing rights (the list and one user's dialog) and the
    privacy alerts."""
    walk.log_in(ADMIN)
    rights = walk.shell.rights
    rights.action.trigger()
    walk.qtbot.waitUntil(lambda: bool(rights.rows), timeout=LOGIN_SECONDS_MS)
    walk.look("prescribing rights")
    doctor = [r["username"] for r in rights.rows].index(DOCTOR)
    walk.dialog("a doctor's rights", lambda: rights.edit(doctor))
    walk.shell.alerts.action.trigger()
    walk.look("privacy alerts")


ROLES = {"doctor": doctor_screens, "nurse": nurse_screens, "pharmacist": pharmacist_screens,
         "office": office_screens}  # fmt: skip


def _report(kind: str, found: list[Seen]) -> list[str]:
    return [f"{kind}: [{s.screen}] {s.where}: {s.text[:160]!r}" for s in found]


def _layout_report(theme: str, flaws: list[Flaw]) -> list[str]:
    return [f"layout ({theme}): [{f.screen}] {f.where}: {f.what}" for f in flaws]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_on_the_ward_clock_in_the_users_language(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, walker_ward: tuple[str, WalkerWard],
    language: str,
) -> None:  # fmt: skip
    server_url, ward = walker_ward
    install_language(qapp, language, tmp_path / "i18n")
    seen: list[Seen] = []
    layout: list[str] = []
    try:
        for role, screens in ROLES.items():
            apply_theme(qapp, THEMES[language][role])
            walk = Walk(qtbot, tmp_path / role, server_url, language)
            try:
                screens(walk, ward)
            finally:
                walk.close()
            seen += walk.seen
            layout += _layout_report(THEMES[language][role], walk.flaws)
    finally:
        install_language(qapp, "en", tmp_path / "i18n")
        apply_theme(qapp, "default")
    ward_times, utc = ward_and_utc_times(ward.moments)
    allowed = [
        *STAFF.values(),
        *FREE_TEXT,
        "张三",
        "Margaret Evans",
        "zhangsan",
        "Evans",
        "简体中文",  # the language picker names each language in its own
        "English",
        *(f"({username})" for username in STAFF),  # login names, as the office keys them
    ]
    problems = (_report("UTC time", utc_times(seen, ward_times, utc))
                + _report("raw code", raw_codes(seen))
                + _report("other language", other_language(seen, language, allowed))
                + layout)  # fmt: skip
    assert len(seen) > 200, "the walker read too little to judge"
    assert not problems, "\n".join(dict.fromkeys(problems))
