"""The Orders menu of the main window (so F1 and the command palette list every order action)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.screens.orders.catalogue import default_catalogue

SIGN_KEY = "F9"
COSIGN_KEY = "Ctrl+Shift+O"  # co-sign a trainee's order / approve a special-tier antibiotic


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrderActions", text)


@dataclass
class OrderActions:
    """The order actions; the OrdersController connects them."""

    sign: QAction
    discontinue: QAction
    modify: QAction
    statistics: QAction
    cosign: QAction
    reorganise: QAction
    verbal: QAction
    order_sets: dict[str, QAction]

    def all(self) -> list[QAction]:
        """Every order action (enabled only while someone is logged in)."""
        return [
            self.sign,
            self.discontinue,
            self.modify,
            self.statistics,
            self.cosign,
            self.reorganise,
            self.verbal,
            *self.order_sets.values(),
        ]


def add_order_actions(window: QMainWindow, menu: QMenu) -> OrderActions:
    """Create the Orders menu's actions on the window (window-wide shortcuts)."""

    def action(text: str, keys: str | None = None) -> QAction:
        made = QAction(text, window)
        if keys:
            made.setShortcut(QKeySequence(keys))
        made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(made)
        menu.addAction(made)
        return made

    sign = action(_tr("&Sign all orders in the basket"), SIGN_KEY)
    discontinue = action(_tr("S&top the selected order…"))
    modify = action(_tr("&Modify the selected order"))
    statistics = action(_tr("Order-check stat&istics"))
    cosign = action(_tr("&Co-sign or approve the selected order"), COSIGN_KEY)
    reorganise = action(_tr("&Reorganise the order sheet (重整医嘱)…"))
    verbal = action(_tr("Take a &verbal order in a rescue (口头医嘱)…"))
    menu.addSeparator()
    language = QLocale().name()
    sets = {
        s.set_id: action(_tr("Order set: %1").replace("%1", s.name(language)))
        for s in default_catalogue().order_sets
    }
    return OrderActions(sign, discontinue, modify, statistics, cosign, reorganise, verbal, sets)
