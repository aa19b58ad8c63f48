"""The usage tab of the managers' dashboard (`/manage/usage`): what to fix next, active users per
day, features used and never used, screens by time and keystrokes, errors per version. Counts
only: nobody is named."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.screen_names import action_titles, screen_title
from ui.screens.dashboard.charts import bar_chart, line_chart
from ui.screens.dashboard.tab import DashboardTab
from workstation.reports.xlsx import Sheet

TOP_SCREENS = 8


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsageTab", text)


def _kind(kind: str) -> str:
    words = {"error": _tr("Crash"), "failure": _tr("Failure shown to the user"),
             "screen": _tr("Costly screen"), "unused": _tr("Never used")}  # fmt: skip
    return words.get(kind, kind)


def _size_to_text(table: QTableWidget) -> None:
    """Numbers as wide as they need; the widest text column (an action, a screen, an error)
    takes the rest, so its names are not cut short."""
    header = table.horizontalHeader()
    for column in range(table.columnCount()):  # a table is filled again with other columns
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
    widest = max(range(table.columnCount()), key=header.sectionSize, default=None)
    if widest is not None:
        header.setSectionResizeMode(widest, QHeaderView.ResizeMode.Stretch)


def _table(name: str) -> QTableWidget:
    table = QTableWidget(0, 0, objectName=name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)  # the rank is a column of its own
    table.horizontalHeader().setStretchLastSection(False)  # the text column stretches (_fill)
    return table


class UsageTab(DashboardTab):
    """Layout and filling of the usage figures; the dashboard page fetches them."""

    path = "/manage/usage"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("usageTab")
        self.summary = QLabel(objectName="usageSummary", wordWrap=True)
        self.pages = QTabWidget(objectName="usagePages")
        self.fix = _table("usageFixNext")
        self.features = _table("usageFeatures")
        self.screens = _table("usageScreens")
        self.errors = _table("usageErrors")
        self.users_page, self.screens_page = QWidget(), QWidget()
        QVBoxLayout(self.users_page)
        screens_layout = QVBoxLayout(self.screens_page)
        screens_layout.addWidget(self.screens, 1)
        for page, title in ((self.fix, _tr("What to fix next")), (self.users_page, _tr("Active users")),
                            (self.features, _tr("Features")), (self.screens_page, _tr("Screens")),
                            (self.errors, _tr("Errors"))):  # fmt: skip
            self.pages.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        self.shown: list[Sheet] = []
        self.charts: list[QWidget] = []

    def title(self) -> str:
        """The tab's title in the user's language."""
        return _tr("Usage")

    def _namer(self) -> Any:
        """Names for the ids of the log: screens by title, actions by their menu text."""
        window = self.window()
        actions = action_titles(window) if isinstance(window, QMainWindow) else {}

        def name(kind: str, ident: str) -> str:
            if kind == "screen":
                return screen_title(ident)
            return actions.get(ident, ident) if kind in ("unused", "action") else ident

        return name

    def show_data(self, data: dict[str, Any]) -> None:
        """Fill every table and chart from the server's figures."""
        self.clear()
        name = self._namer()
        days = data["active_users"]["per_day"]
        weeks = data["active_users"]["per_week"]
        self.summary.setText(_tr("Since %1: %2 user(s) active in the latest week, %3 action(s) never used.")
                             .replace("%1", data["since"]).replace("%2", str(weeks[-1]["users"] if weeks else 0))
                             .replace("%3", str(len(data["features"]["never_used"]))))  # fmt: skip
        self.shown = [
            self._fill(self.fix, _tr("What to fix next"), [_tr("Rank"), _tr("Kind"), _tr("What"), _tr("Users"), _tr("Count or keys per visit")],
                       [[n, _kind(i["kind"]), name(i["kind"], i["what"]), i["users"], i["detail"]]
                        for n, i in enumerate(data["fix_next"], 1)]),
            self._fill(self.features, _tr("Features"), [_tr("Action"), _tr("Uses"), _tr("Users")],
                       [[name("action", f["action"]), f["uses"], f["users"]] for f in data["features"]["used"]]
                       + [[name("action", a), 0, 0] for a in data["features"]["never_used"]]),
            self._fill(self.screens, _tr("Screens"), [_tr("Screen"), _tr("Visits"), _tr("Users"), _tr("Minutes"), _tr("Keys"),
                                                      _tr("Keys per visit"), _tr("Seconds per visit")],
                       [[name("screen", s["screen"]), s["visits"], s["users"], s["minutes"], s["keys"], s["keys_per_visit"],
                         s["seconds_per_visit"]] for s in data["screens"]]),
            self._fill(self.errors, _tr("Errors"), [_tr("Version or error"), _tr("Kind"), _tr("Crashes or times"), _tr("Failures"),
                                                    _tr("Sessions or users"), _tr("Crashes per 100 sessions")],
                       [[v["version"], "", v["errors"], v["failures"], v["sessions"],
                         v["per_100_sessions"] if v["per_100_sessions"] is not None else "—"] for v in data["errors_by_version"]]
                       + [[e["error"], _kind(e["kind"]), e["count"], "", e["users"], ""] for e in data["top_errors"]]),
            Sheet(_tr("Active users"), [_tr("Day"), _tr("Users")], [[d["day"], d["users"]] for d in days]),
        ]  # fmt: skip
        self._charts(days, data["screens"][:TOP_SCREENS])

    def _charts(self, days: list[dict[str, Any]], screens: list[dict[str, Any]]) -> None:
        users = line_chart(_tr("Active users per day"), [d["day"][5:] for d in days],
                           {_tr("Users"): [float(d["users"]) for d in days]})  # fmt: skip
        self.users_page.layout().addWidget(users)
        costly = bar_chart(_tr("Screens: minutes and keys per visit"), [screen_title(s["screen"]) for s in screens],
                           {_tr("Minutes"): [s["minutes"] for s in screens],
                            _tr("Keys per visit"): [s["keys_per_visit"] for s in screens]})  # fmt: skip
        self.screens_page.layout().insertWidget(0, costly, 1)
        self.charts = [users, costly]

    def _fill(
        self, table: QTableWidget, title: str, headers: list[str], rows: list[list[Any]]
    ) -> Sheet:
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(str(value)))
        _size_to_text(table)
        return Sheet(title, headers, rows)

    def sheets(self) -> list[Sheet]:
        """The tables shown, for the Excel export."""
        return list(self.shown)

    def clear(self) -> None:
        """Empty every table and remove the charts."""
        self.summary.clear()
        for table in (self.fix, self.features, self.screens, self.errors):
            table.setRowCount(0)
        for chart in self.charts:
            chart.setParent(None)
            chart.deleteLater()
        self.charts, self.shown = [], []
