"""The shell's logic: login and lock, which patient is open, background sync every 30 s."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

from offline_cache.session import Session
from offline_cache.workstation import SyncStatus, Workstation
from ui import tasks
from ui.idle import IdleWatcher, LockKey
from ui.screens.alerts.controller import install as install_alerts
from ui.screens.archive.controller import install as install_archive
from ui.screens.assessments.station import NursingForms
from ui.screens.attention.controller import AttentionController
from ui.screens.break_glass.controller import install as install_break_glass
from ui.screens.census.controller import CensusController
from ui.screens.chart.controller import ChartController
from ui.screens.critical.care import install as install_care
from ui.screens.critical.controller import install as install_critical
from ui.screens.dashboard.controller import install as install_dashboard
from ui.screens.dialogs.shortcuts import ShortcutsDialog
from ui.screens.feedback.controller import install as install_feedback
from ui.screens.infusion_round.controller import install as install_infusion
from ui.screens.login.controller import LoginController
from ui.screens.nursing_record.controller import install as install_nursing_record
from ui.screens.opioid_tolerance.controller import install as install_opioid_tolerance
from ui.screens.palette.controller import PaletteController
from ui.screens.pharmacy.controller import install as install_pharmacy
from ui.screens.printing.controller import install as install_printing
from ui.screens.problems.controller import install as install_problems
from ui.screens.rights.controller import install as install_rights
from ui.screens.roster.controller import install as install_roster
from ui.screens.settings.controller import SettingsController
from ui.screens.shell.view import ShellView
from ui.screens.ward_records.controller import install as install_ward_records
from ui.screens.worklist.station import NurseStation
from ui.settings import StationSettings
from ui.usage_recorder import UsageRecorder
from ui.workers import Workers
from workstation.security.policy import NO_CHART_ROLES

SYNC_INTERVAL_MS = 30_000
NOTES_TAB = 1


class _ProgressRelay(QObject):
    """Carries sync progress from the worker thread to the status bar."""

    sig_progress = Signal(str, int, object)


class ShellController(QObject):
    """Wires the screens together; owns no data beyond who is logged in and whether locked."""

    sig_locked = Signal()
    sig_unlocked = Signal()
    sig_synced = Signal(object)  # tasks.SyncOutcome

    def __init__(self, view: ShellView, workstation: Workstation, settings: SettingsController, *,
                 workers: Workers, sync_workers: Workers, sync_interval_ms: int = SYNC_INTERVAL_MS,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workstation, self.settings = view, workstation, settings
        self.workers, self.sync_workers = workers, sync_workers
        self.session: Session | None = None
        self.locked = False
        self.login = LoginController(view.login, workstation, workers, self)
        self.census = CensusController(view.census, view.census_model, workstation, workers, self)
        self.chart = ChartController(view.chart, workstation, workers, self)
        self.palette = PaletteController(workstation, workers, self)
        self.attention = AttentionController(workstation, workers, self)
        self.idle = IdleWatcher(settings.settings.idle_minutes * 60_000, self)
        self.lock_key = LockKey(self)
        self.sync_timer = QTimer(self, interval=sync_interval_ms)
        self.progress = _ProgressRelay(self)
        self.nursing_forms = NursingForms(self)  # Morse, Braden, handoff, closed loop
        self._connect()
        self.nurse = NurseStation(self)  # scanner, worklist, MAR
        self.pharmacy = install_pharmacy(self)  # verification, dispensing, counter, stock
        self.printing = install_printing(self)  # Ctrl+P preview, downtime pack
        self.archive = install_archive(self)  # archived records: request, archive, decide unlocks
        self.ward_records = install_ward_records(self)  # front sheet, adverse events, ward handover
        self.problems = install_problems(self)  # Ctrl+Alt+P: a problem with an ICD-10 picker
        self.break_glass = install_break_glass(self)  # Ctrl+Shift+G: another ward's patient
        self.alerts = install_alerts(self)  # the privacy officer's break-the-glass alerts
        self.rights = install_rights(self)  # 医务科: titles and prescribing rights
        self.roster = install_roster(self)  # Ctrl+Alt+R: 排班, the head nurse edits
        self.opioid_tolerance = install_opioid_tolerance(self)  # Ctrl+Shift+Q: doctors
        self.critical = install_critical(self)  # 危急值: Ctrl+Shift+K, status-bar count
        self.care = install_care(self)  # nursing level, rounds, Barthel, consultations
        self.nursing_record = install_nursing_record(self)  # F7: 护理记录, signed rows, totals
        self.infusion = install_infusion(self)  # 输液巡视: Ctrl+I or a running bag's scan
        self.dashboard = install_dashboard(self)  # managers: Ctrl+Alt+D, flow, quality, staffing
        self.feedback = install_feedback(self)  # F4: anonymous feedback; Shift+F4 the board
        self.usage = UsageRecorder(self)  # actions, screens, keys, errors: no patient data
        self.usage.install()

    def _connect(self) -> None:
        v = self.view
        self.login.sig_logged_in.connect(self._logged_in)
        self.census.sig_patient_open_requested.connect(self.chart.open)
        self.census.sig_census_patients.connect(self.chart.warmer.warm)  # loaded, or a pull
        self.chart.warmer.quiet_ms = self.idle.quiet_ms  # read ahead only while nobody types
        self.census.sig_ward_named.connect(self.view.status.show_ward)
        self.palette.sig_patient_open_requested.connect(self._open_from_palette)
        self.attention.sig_resolved.connect(self._attention_resolved)
        v.status.sig_attention_requested.connect(self.open_attention)
        v.chart.banner.sig_attention_requested.connect(self.open_attention)
        v.palette_action.triggered.connect(
            lambda: self.palette.open(v, v.palette_actions(), self.ward_id)
        )
        v.attention_action.triggered.connect(self.open_attention)
        v.new_note_action.triggered.connect(self._new_note)
        v.sign_note_action.triggered.connect(self.chart.notes.sign)
        v.addendum_action.triggered.connect(self._on_notes(self.chart.notes.add_addendum))
        v.cosign_action.triggered.connect(self._on_notes(self.chart.notes.cosign))
        self.chart.sig_chart_failed.connect(lambda text: v.status.showMessage(text, 10_000))
        self.chart.orders.connect_actions(v.order_actions)
        self.chart.orders.sig_message.connect(lambda text: v.status.showMessage(text, 10_000))
        self.idle.sig_idle.connect(self.lock)
        self.lock_key.sig_lock_requested.connect(self.lock)
        self.sync_timer.timeout.connect(self.sync_now)
        self.progress.sig_progress.connect(
            v.status.show_progress, Qt.ConnectionType.QueuedConnection
        )
        self.settings.sig_settings_changed.connect(self._settings_changed)
        v.find_action.triggered.connect(v.show_census_pane)  # hidden by Ctrl+\: back
        v.find_action.triggered.connect(self.census.focus_search)
        for index, action in enumerate(v.tab_actions):
            action.triggered.connect(lambda _checked=False, i=index: self.chart.show_tab(i))
        v.lock_action.triggered.connect(self.lock)
        v.sync_action.triggered.connect(self.sync_now)
        v.settings_action.triggered.connect(lambda: self.settings.edit(v, admin=self.is_admin))
        v.shortcuts_action.triggered.connect(lambda: ShortcutsDialog(v).open())
        v.quit_action.triggered.connect(v.close)

    def _on_notes(self, act: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            self.chart.show_tab(NOTES_TAB)
            if not self.archive.refuse_if_locked():
                act()

        return run

    def _new_note(self) -> None:
        self.chart.show_tab(NOTES_TAB)
        if not self.archive.refuse_if_locked():
            self.chart.notes.new_note()

    def _open_from_palette(self, patient_id: str) -> None:
        self.chart.open(patient_id)
        self.view.chart.tabs.setFocus()

    def open_attention(self) -> None:
        """The list of refused changes (status bar, banner badge or Ctrl+Shift+A)."""
        if self.session is not None and not self.locked:
            self.attention.open(self.view)

    def _attention_resolved(self, status: SyncStatus) -> None:
        self.view.status.show_status(status)
        self.chart.reload()
        self.census.refresh()

    def start(self) -> None:
        """Show the login page and begin watching for idleness."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
            app.installEventFilter(self.lock_key)
        self.view.show_login_page()
        self.view.settings_action.setEnabled(True)  # setting up the station needs no login
        self.login.show_login()

    @property
    def is_admin(self) -> bool:
        """An administrator is logged in and the screen is not locked."""
        return self.session is not None and not self.locked and self.session.role == "admin"

    @property
    def ward_id(self) -> str | None:
        """The station's ward, else the user's first ward."""
        if self.settings.settings.ward_id:
            return self.settings.settings.ward_id
        return self.session.wards[0] if self.session and self.session.wards else None

    def _logged_in(self, session: Session, status: SyncStatus) -> None:
        if self.session is None or session.user_id != self.session.user_id:
            self.chart.clear(forget=True)  # another user: never reopen the previous user's patient
        self.session, self.locked = session, False
        self.view.show_work_page(session.display_name)
        # a user who reads no ward's census is on no ward (and a raw ward code is never shown)
        ward = None if session.role in NO_CHART_ROLES else self.ward_id
        self.view.status.show_user(session.display_name, ward)
        self.view.status.show_status(status)
        if session.role not in NO_CHART_ROLES:  # alerts, audit, dashboards: never a ward's census
            self.census.start(self.ward_id)
        if self.chart.patient_id:
            self.chart.open(self.chart.patient_id)
        self.idle.start()
        self.sync_timer.start()
        self.sync_now()
        self.sig_unlocked.emit()
        self.census.focus_search()

    def lock(self) -> None:
        """Hide every patient (the widgets are emptied, not just covered) and ask for a password."""
        if self.session is None or self.locked:
            return
        self.locked = True
        self.idle.stop()
        for dialog in self.view.findChildren(QDialog):
            dialog.close()
            dialog.deleteLater()  # destroyed, not just hidden: a dialog holds patient text
        self.census.clear()
        self.chart.clear(forget=False)
        self.view.show_login_page()
        self.login.show_locked(self.session.username, self.session.display_name)
        self.workers.run(tasks.lock, self.workstation)  # audited
        self.sig_locked.emit()

    def sync_now(self) -> None:
        """Start a background sync unless one is running or nobody is logged in."""
        if self.session is None or self.sync_workers.busy():
            return
        relay = self.progress
        self.sync_workers.run(
            tasks.sync, self.workstation, lambda stage, done, total: relay.sig_progress.emit(stage, done, total),
            done=self._synced, failed=lambda error: self.view.status.showMessage(str(error), 10_000),
        )  # fmt: skip

    def _synced(self, outcome: tasks.SyncOutcome) -> None:
        self.view.status.hide_progress()
        self.view.status.show_status(outcome.status)
        if outcome.report is not None and outcome.report.pulled and not self.locked:
            self.census.refresh()
            self.chart.reload()
        self.sig_synced.emit(outcome)

    def _settings_changed(self, settings: StationSettings) -> None:
        from ui.theme import apply_theme

        self.idle.set_interval(settings.idle_minutes * 60_000)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme)

    def shut_down(self) -> None:
        """Stop timers, end the session and let the worker lanes finish."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.lock_key)
        self.sync_timer.stop()
        self.idle.stop()
        self.usage.uninstall()
        self.printing.stop_refresher()
        self.census.clear()
        self.chart.clear(forget=True)
        if self.session is not None:
            self.session = None
            self.workers.run(tasks.logout, self.workstation)
        self.workers.wait()
        self.sync_workers.wait()
