"""The status bar: user, ward, sync state (online/offline, waiting, needing attention, last sync, clock)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from offline_cache.workstation import SyncStatus
from ui.icons import icon_html
from ui.terms import local_time


class SyncStatusBar(QStatusBar):
    """Permanent labels on the right; sync progress while a sync runs."""

    sig_attention_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.user = QLabel(objectName="statusUser")
        self.ward = QLabel(objectName="statusWard")
        self.link = QLabel(objectName="statusLink")
        self.waiting = QLabel(objectName="statusWaiting")
        self.attention = QPushButton(objectName="statusAttention", flat=True)
        self.attention.setToolTip(self.tr("Open the list (Ctrl+Shift+A)"))
        self.attention.clicked.connect(self.sig_attention_requested)
        self.last_sync = QLabel(objectName="statusLastSync")
        self.clock = QLabel(objectName="statusClock")
        self.progress = QProgressBar(objectName="syncProgress", maximumWidth=160, textVisible=False)
        self.progress.hide()
        self.clock.hide()
        for widget in (self.user, self.ward, self.link, self.waiting, self.attention, self.last_sync,
                       self.clock, self.progress):  # fmt: skip
            self.addPermanentWidget(widget)
        self.show_user(None, None)

    def show_user(self, display_name: str | None, ward: str | None) -> None:
        """Who is logged in and which ward the station shows."""
        self.user.setText(
            self.tr("User: %1").replace("%1", display_name)
            if display_name
            else self.tr("Not logged in")
        )
        self.ward.setText(self.tr("Ward: %1").replace("%1", ward) if ward else "")

    def show_ward(self, name: str) -> None:
        """The ward by its name once the wards snapshot names it (心内科, not CARD)."""
        self.ward.setText(self.tr("Ward: %1").replace("%1", name))

    def show_status(self, status: SyncStatus) -> None:
        """The sync figures."""
        self.link.setText(self.tr("Online") if status.online else self.tr("Offline"))
        self.link.setProperty("state", "online" if status.online else "offline")
        self.link.setToolTip(status.last_error or "")
        self.link.style().polish(self.link)
        self.waiting.setText(self.tr("Waiting: %1").replace("%1", str(status.waiting)))
        self.attention.setText(
            self.tr("Needs attention: %1").replace("%1", str(status.needs_attention))
        )
        self.attention.setProperty("state", "alert" if status.needs_attention else "")
        self.attention.style().polish(self.attention)
        when = local_time(status.last_sync_at) if status.last_sync_at else self.tr("never")
        self.last_sync.setText(self.tr("Last sync: %1").replace("%1", when))
        self.clock.setVisible(bool(status.clock_warning))
        self.clock.setText(
            icon_html("clock") + " " + escape(self.tr("Clock differs from the server"))
        )
        self.clock.setToolTip(status.clock_warning or "")

    def show_progress(self, stage: str, done: int, total: int | None) -> None:
        """A sync is running: a bar (busy when the total is unknown)."""
        self.progress.show()
        self.progress.setRange(0, total or 0)
        if total:
            self.progress.setValue(min(done, total))
        self.showMessage(self.tr("Syncing: %1").replace("%1", _stage_name(stage)))

    def hide_progress(self) -> None:
        """The sync ended."""
        self.progress.hide()
        self.clearMessage()


def _stage_name(stage: str) -> str:
    names = {"push": QCoreApplication.translate("SyncStatusBar", "sending"),
             "pull": QCoreApplication.translate("SyncStatusBar", "receiving")}  # fmt: skip
    return names.get(stage, stage)
