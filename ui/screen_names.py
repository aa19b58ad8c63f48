"""Screens and actions by their names in the user's language. The usage log keeps
language-independent ids (ui.usage_recorder: a screen's class names, an action's object name or
key); the usage dashboard shows managers these names instead of the ids."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from ui.usage_recorder import action_id

_CONTEXT = "ScreenNames"
SCREENS = {
    "CensusView": QT_TRANSLATE_NOOP("ScreenNames", "Ward census"),
    "ChartView": QT_TRANSLATE_NOOP("ScreenNames", "Chart"),
    "NotesView": QT_TRANSLATE_NOOP("ScreenNames", "Notes"),
    "NoteEditor": QT_TRANSLATE_NOOP("ScreenNames", "Note editor"),
    "OrdersView": QT_TRANSLATE_NOOP("ScreenNames", "Orders"),
    "ResultsPane": QT_TRANSLATE_NOOP("ScreenNames", "Results"),
    "VitalsPane": QT_TRANSLATE_NOOP("ScreenNames", "Vital signs"),
    "VitalsForm": QT_TRANSLATE_NOOP("ScreenNames", "Vital signs entry"),
    "MarView": QT_TRANSLATE_NOOP("ScreenNames", "Medication administration"),
    "WorklistView": QT_TRANSLATE_NOOP("ScreenNames", "Nursing worklist"),
    "FrontSheetDialog": QT_TRANSLATE_NOOP("ScreenNames", "Front sheet"),
    "PharmacyView": QT_TRANSLATE_NOOP("ScreenNames", "Pharmacy"),
    "VerificationView": QT_TRANSLATE_NOOP("ScreenNames", "Order verification"),
    "CounterView": QT_TRANSLATE_NOOP("ScreenNames", "Outpatient counter"),
    "StockView": QT_TRANSLATE_NOOP("ScreenNames", "Stock"),
    "ReturnsView": QT_TRANSLATE_NOOP("ScreenNames", "Returns"),
    "WardPickView": QT_TRANSLATE_NOOP("ScreenNames", "Ward pick list"),
    "AlertsView": QT_TRANSLATE_NOOP("ScreenNames", "Alerts"),
    "AttentionView": QT_TRANSLATE_NOOP("ScreenNames", "Needs attention"),
    "DashboardView": QT_TRANSLATE_NOOP("ScreenNames", "Dashboard"),
    "FlowTab": QT_TRANSLATE_NOOP("ScreenNames", "Patient flow"),
    "QualityTab": QT_TRANSLATE_NOOP("ScreenNames", "Quality"),
    "StaffingTab": QT_TRANSLATE_NOOP("ScreenNames", "Staffing"),
    "UsageTab": QT_TRANSLATE_NOOP("ScreenNames", "Usage"),
    "RosterView": QT_TRANSLATE_NOOP("ScreenNames", "Nurse roster"),
    "RightsView": QT_TRANSLATE_NOOP("ScreenNames", "Prescribing rights"),
    "SettingsView": QT_TRANSLATE_NOOP("ScreenNames", "Settings"),
    "LoginView": QT_TRANSLATE_NOOP("ScreenNames", "Log in"),
    "PaletteView": QT_TRANSLATE_NOOP("ScreenNames", "Command palette"),
    "FormularyImportView": QT_TRANSLATE_NOOP("ScreenNames", "Formulary import"),
    "AdmissionDialog": QT_TRANSLATE_NOOP("ScreenNames", "Admission"),
    "HandoffDialog": QT_TRANSLATE_NOOP("ScreenNames", "Patient handoff"),
    "HandoverDialog": QT_TRANSLATE_NOOP("ScreenNames", "Shift handover"),
    "WardHandoffDialog": QT_TRANSLATE_NOOP("ScreenNames", "Ward handoff"),
    "ClosedLoopDialog": QT_TRANSLATE_NOOP("ScreenNames", "Closed loop"),
    "InfusionRoundDialog": QT_TRANSLATE_NOOP("ScreenNames", "Infusion round"),
    "NursingRecordDialog": QT_TRANSLATE_NOOP("ScreenNames", "Nursing record"),
    "IntakeOutputForm": QT_TRANSLATE_NOOP("ScreenNames", "Intake and output"),
    "SkinTestDialog": QT_TRANSLATE_NOOP("ScreenNames", "Skin test"),
    "ConsultationDialog": QT_TRANSLATE_NOOP("ScreenNames", "Consultation"),
    "AssessmentDialog": QT_TRANSLATE_NOOP("ScreenNames", "Risk assessment"),
    "ScaleDialog": QT_TRANSLATE_NOOP("ScreenNames", "Risk assessment"),
    "BarthelDialog": QT_TRANSLATE_NOOP("ScreenNames", "Barthel index"),
    "AdverseEventDialog": QT_TRANSLATE_NOOP("ScreenNames", "Adverse event report"),
    "PrintPreviewDialog": QT_TRANSLATE_NOOP("ScreenNames", "Print preview"),
    "FeedbackBox": QT_TRANSLATE_NOOP("ScreenNames", "Feedback"),
    "FeedbackBoard": QT_TRANSLATE_NOOP("ScreenNames", "Feedback board"),
    "StewardshipDialog": QT_TRANSLATE_NOOP("ScreenNames", "Antibiotic stewardship"),
    "ProblemDialog": QT_TRANSLATE_NOOP("ScreenNames", "Problem list"),
    "NursingLevelDialog": QT_TRANSLATE_NOOP("ScreenNames", "Nursing level"),
    "OpioidToleranceDialog": QT_TRANSLATE_NOOP("ScreenNames", "Opioid tolerance"),
    "BreakGlassDialog": QT_TRANSLATE_NOOP("ScreenNames", "Break the glass"),
    "ShortcutsDialog": QT_TRANSLATE_NOOP("ScreenNames", "Keyboard shortcuts"),
    "DemoUsersDialog": QT_TRANSLATE_NOOP("ScreenNames", "Demo users"),
    "ReceiveDialog": QT_TRANSLATE_NOOP("ScreenNames", "Receive stock"),
    "WardReceiptDialog": QT_TRANSLATE_NOOP("ScreenNames", "Ward receipt"),
    "ShiftPatternDialog": QT_TRANSLATE_NOOP("ScreenNames", "Shift pattern"),
    "RosterCellDialog": QT_TRANSLATE_NOOP("ScreenNames", "Roster shift"),
    "AddendumDialog": QT_TRANSLATE_NOOP("ScreenNames", "Addendum"),
    "NoteTypeDialog": QT_TRANSLATE_NOOP("ScreenNames", "New note"),
    "UnlockRequestsDialog": QT_TRANSLATE_NOOP("ScreenNames", "Unlock requests"),
    "RuleStatisticsDialog": QT_TRANSLATE_NOOP("ScreenNames", "Rule statistics"),
    "ShellView": QT_TRANSLATE_NOOP("ScreenNames", "Main window"),
}


def screen_title(screen_id: str) -> str:
    """`ChartView/NotesView` as "Chart › Notes" in the user's language; an unknown class keeps
    its id (a screen newer than this station)."""
    parts = screen_id.split("/")
    return " › ".join(
        QCoreApplication.translate(_CONTEXT, SCREENS[p]) if p in SCREENS else p for p in parts
    )


def action_titles(window: QMainWindow) -> dict[str, str]:
    """Each action of the window by its usage id: its menu text without the mnemonic."""
    titles: dict[str, str] = {}
    for action in window.findChildren(QAction):
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
        if text:
            titles.setdefault(action_id(action, window), text)
    return titles
