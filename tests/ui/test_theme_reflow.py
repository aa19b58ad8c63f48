"""The design system at work: every theme's style sheet and palette come from its tokens, and
the large-font census keeps bed to length of stay in view beside the chart at 1366 pixels."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.screens.census.model import ALERTS, STAY, CensusModel
from ui.screens.census.view import CensusView
from ui.screens.orders.render import alerts_html
from ui.stylesheet import stylesheet
from ui.theme import apply_theme, palette, severity_colour, theme_names
from ui.tokens import theme
from workstation.clinical.checks import Alert

CENSUS_PANE = 556  # the left pane beside the chart on a 1366-pixel screen
PATIENT = {"patient_id": "p1", "bed": "05", "name": "Margaret Evans", "sex": "female",
           "birth_date": "1954-03-01", "status": "admitted", "critical_open": 1, "allergy_count": 2,
           "acuity": "critical", "same_name_beds": ["07"], "nursing_level": "special",
           "round_state": "overdue", "news2": 7, "admitted_at": "2026-11-20T02:00:00Z",
           "attending_name": "Wang Jianhua", "diagnosis": "Acute NSTEMI"}  # fmt: skip


def test_each_theme_paints_palette_and_severity_from_its_tokens(qapp: QApplication) -> None:
    assert {"default", "dark", "high-contrast", "large-font"} <= set(theme_names())
    for name in theme_names():
        colours, sheet = theme(name).colours, stylesheet(theme(name))
        assert palette(theme(name)).color(QPalette.ColorRole.Base).name() == colours.surface
        assert palette(theme(name)).color(QPalette.ColorRole.Text).name() == colours.text
        assert f"font-size: {theme(name).type.body}pt" in sheet
        assert f'QFrame[alertBox="critical"] {{ background: {colours.critical_tint}' in sheet
    try:  # one theme applied to the application (each costs a restyle of every live widget)
        apply_theme(qapp, "high-contrast")
        assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#ffffff"
        assert severity_colour("critical").name() == theme("high-contrast").colours.critical
    finally:
        apply_theme(qapp, "default")


def test_a_critical_alert_is_boxed_in_red_with_its_icon_and_whole_message(
    qapp: QApplication,
) -> None:  # fmt: skip
    apply_theme(qapp, "default")
    message = "Aspirin, age 82: avoid starting aspirin for primary prevention (bleeding)."
    alert = Alert(category="age", severity="critical", message=message, message_zh="阿司匹林",
                  rule_id="age-aspirin", source="AGS Beers 2023")  # fmt: skip
    html = alerts_html([alert], "en")
    assert escape(message) in html and "<img" in html
    assert f"border-color:{theme('default').colours.critical}" in html


def test_the_large_font_census_keeps_bed_to_stay_in_view(qtbot: QtBot) -> None:
    model = CensusModel()
    view = CensusView(model)
    qtbot.addWidget(view)
    view.setStyleSheet(stylesheet(theme("large-font")))  # on the pane alone: cheap
    view.resize(CENSUS_PANE, 500)
    view.show()
    model.set_patients([PATIENT])
    table = view.table
    qtbot.waitUntil(lambda: not view.refit.isActive())
    assert table.font().pointSize() == theme("large-font").type.body
    right = table.columnViewportPosition(STAY) + table.columnWidth(STAY)
    assert right <= table.viewport().width()
    alerts = model.index(0, ALERTS)
    assert "critical value" in model.data(alerts, Qt.ItemDataRole.ToolTipRole)  # whole there
    assert model.data(alerts, Qt.ItemDataRole.DecorationRole) is not None
