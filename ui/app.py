"""`workstation` (the station set up in settings) and `workstation demo` (a demo ward served in-process)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from offline_cache.keystore import KeyringUnavailable, MissingReplicaKey
from offline_cache.replica import ReplicaUnreadable
from offline_cache.station_config import StationConfig, StationConfigError, load_station_config
from ui import launch, paths
from ui.heap import freeze_startup_objects
from ui.i18n import install_language
from ui.screens.dialogs.demo_users import DemoUsersDialog
from ui.screens.settings.controller import SettingsController
from ui.screens.shell.controller import ShellController
from ui.screens.shell.view import ShellView
from ui.self_test import run_self_test
from ui.settings import LANGUAGES, load_settings, settings_path, within_station_config
from ui.theme import apply_font, apply_theme
from ui.workers import Workers
from workstation.security.files import restrict_umask
from workstation.server.demo_roster import DemoUser

EXIT_NO_KEYRING = 2


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command line: optional `demo`, --data-dir, --language, --self-test."""
    parser = argparse.ArgumentParser(prog="workstation", description="Clinical Workstation")
    parser.add_argument(
        "mode", nargs="?", choices=["demo"], help="run the demo ward on this computer"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="folder for local data (default: the user's data folder)"
    )
    parser.add_argument("--language", choices=LANGUAGES, help="override the station's language")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (encrypted replica, Chinese printing, main window in every "
        "language) without a server or a display; exit 0 when all checks pass",
    )
    return parser.parse_args(argv)


def demo_users_dialog(
    shell: ShellController, users: list[DemoUser], where: Path
) -> DemoUsersDialog:
    """The demo users list over the window; the row chosen fills the login form."""
    dialog = DemoUsersDialog(users, where, shell.view)
    dialog.sig_login_chosen.connect(shell.login.fill)
    dialog.rejected.connect(shell.view.activateWindow)  # closed: the keys go back to the login
    return dialog


class Program:
    """Owns the windows and the worker lanes for one run."""

    def __init__(self, app: QApplication, args: argparse.Namespace):
        self.app, self.args = app, args
        self.demo = args.mode == "demo"
        self.demo_dir = args.data_dir or paths.default_demo_dir()
        self.station_dir = (
            self.demo_dir / "station"
            if self.demo
            else (args.data_dir or paths.default_station_dir())
        )
        self.settings_file = settings_path(self.station_dir)
        self.station, self.config_error = self._station_config()
        self.settings = within_station_config(load_settings(self.settings_file), self.station)
        if args.language:
            self.settings.language = args.language
        self.workers = Workers("work", app)
        self.sync_workers = Workers("sync", app)
        self.launched: launch.Launched | None = None
        self.shell: ShellController | None = None
        self.splash: QLabel | None = None
        self.error_box: QMessageBox | None = None

    def _station_config(self) -> tuple[StationConfig, StationConfigError | None]:
        """The hospital's station config (the demo, synthetic and self-contained, keeps the
        defaults); a broken file is reported by start() instead of being ignored."""
        if self.demo:
            return StationConfig(), None
        try:
            return load_station_config(), None
        except StationConfigError as exc:
            return StationConfig(), exc

    def start(self) -> None:
        """Look and language first, then open the station on a worker."""
        install_language(self.app, self.settings.language, paths.user_data_dir() / "i18n")
        apply_font(self.app, self.settings.language)
        apply_theme(self.app, self.settings.theme)
        self.splash = QLabel(
            QCoreApplication.translate("App", "Starting Clinical Workstation…"), objectName="splash"
        )
        self.splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splash.setWindowTitle(QCoreApplication.translate("App", "Clinical Workstation"))
        self.splash.resize(420, 160)
        self.splash.show()
        if self.config_error is not None:
            self._failed(self.config_error)
        elif self.demo:
            self.workers.run(
                launch.start_demo,
                self.demo_dir,
                self.settings,
                done=self._opened,
                failed=self._failed,
            )
        else:
            self.workers.run(
                launch.open_station,
                self.station_dir,
                self.settings,
                done=self._opened,
                failed=self._failed,
            )

    def _opened(self, launched: launch.Launched) -> None:
        self.launched = launched
        view = ShellView()
        settings = SettingsController(self.settings_file, self.settings, view, station=self.station)
        self.shell = ShellController(view, launched.workstation, settings, workers=self.workers,
                                     sync_workers=self.sync_workers, parent=view)  # fmt: skip
        self.app.aboutToQuit.connect(self._shut_down)
        self.shell.start()
        view.show()
        freeze_startup_objects()  # full collections no longer walk the startup heap
        if self.splash is not None:
            self.splash.close()
        if launched.demo_users is not None and launched.passwords_file is not None:
            users, where = launched.demo_users, launched.passwords_file
            view.demo_users_action.setVisible(True)
            shell = self.shell
            view.demo_users_action.triggered.connect(
                lambda: demo_users_dialog(shell, users, where).open()
            )
            demo_users_dialog(shell, users, where).show()
        elif not launched.workstation.config.get("server_url"):
            settings.edit(view)

    def _failed(self, error: BaseException) -> None:
        if self.splash is not None:
            self.splash.close()
        if isinstance(error, (KeyringUnavailable, MissingReplicaKey, ReplicaUnreadable)):
            title = QCoreApplication.translate("App", "Local data cannot be opened")
            intro = QCoreApplication.translate(
                "App",
                "The workstation cannot open its encrypted local data, and has not changed it.",
            )
        else:
            title = QCoreApplication.translate("App", "The workstation could not start")
            intro = QCoreApplication.translate("App", "Starting the workstation failed.")
        box = QMessageBox(QMessageBox.Icon.Critical, title, intro)
        box.setObjectName("startupError")
        box.setInformativeText(str(error))
        box.finished.connect(lambda _result: self.app.exit(EXIT_NO_KEYRING))
        self.error_box = box  # a parentless box must be kept alive while it is shown
        box.open()

    def _shut_down(self) -> None:
        if self.shell is not None:
            self.shell.shut_down()
        if self.launched is not None:
            self.launched.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `workstation` command."""
    restrict_umask()  # every file with patient data (replica, logs, PDFs, exports) is 0600
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, none used
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName("Clinical Workstation")
    if args.self_test:
        return run_self_test(app)
    program = Program(app, args)
    program.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
