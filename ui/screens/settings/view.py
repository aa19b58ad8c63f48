"""Station settings form: server address, ward, idle lock, language, theme."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from offline_cache.station_config import StationConfig
from ui.settings import LANGUAGES, THEMES, StationSettings


class SettingsView(QDialog):
    """Shows a StationSettings and reads back what the user chose. Without an admin logged in the
    server and ward are read-only and the idle lock can only be shortened; what the hospital's
    station config fixes is read-only for everyone."""

    def __init__(self, settings: StationSettings, parent: QWidget | None = None, *,
                 admin: bool = False, station: StationConfig | None = None):  # fmt: skip
        super().__init__(parent)
        station = station or StationConfig()
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Station settings"))
        self.server_url = QLineEdit(settings.server_url, objectName="serverUrl")
        self.server_url.setPlaceholderText("http://ward-server:8765")
        self.ward_id = QLineEdit(settings.ward_id, objectName="wardId")
        self.server_url.setReadOnly(not admin or bool(station.servers))
        self.ward_id.setReadOnly(not admin or bool(station.ward))
        longest = station.idle_lock_max_minutes if admin else settings.idle_minutes
        self.idle_minutes = QSpinBox(
            objectName="idleMinutes", minimum=1, maximum=station.capped_idle_minutes(longest),
            value=station.capped_idle_minutes(settings.idle_minutes),
        )  # fmt: skip
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.language = QComboBox(objectName="language")
        names = {"zh_CN": "简体中文", "en": "English"}
        for code in LANGUAGES:
            self.language.addItem(names[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(settings.language))
        self.theme = QComboBox(objectName="theme")
        theme_names = (
            self.tr("Default"),
            self.tr("Dark"),
            self.tr("High contrast"),
            self.tr("Large font"),
        )
        for code, name in zip(THEMES, theme_names, strict=True):
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.note = QLabel(self.tr("Server, ward and language take effect when the program is next started."),
                           wordWrap=True)  # fmt: skip
        self.admin_note = QLabel(
            self.tr("Only an administrator can change the server or the ward, or lengthen the idle lock "
                    "(at most %1 min on this computer).").replace("%1", str(station.idle_lock_max_minutes)),
            objectName="settingsAdminNote", wordWrap=True, visible=not admin,
        )  # fmt: skip
        form = QFormLayout(self)
        form.addRow(self.tr("&Server address"), self.server_url)
        form.addRow(self.tr("Station &ward"), self.ward_id)
        form.addRow(self.tr("&Lock after idle"), self.idle_minutes)
        form.addRow(self.tr("Lan&guage"), self.language)
        form.addRow(self.tr("&Theme"), self.theme)
        form.addRow(self.note)
        form.addRow(self.admin_note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> StationSettings:
        """The settings as now filled in."""
        return StationSettings(
            server_url=self.server_url.text().strip(), ward_id=self.ward_id.text().strip(),
            idle_minutes=self.idle_minutes.value(), language=self.language.currentData(),
            theme=self.theme.currentData(),
        )  # fmt: skip
