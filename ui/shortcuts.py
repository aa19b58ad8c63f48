"""Every keyboard shortcut of the shell, listed by F1."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

SHORTCUTS: tuple[tuple[str, str], ...] = (
    (
        "Ctrl+K",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Command palette: every action, and patients by bed, MRN, name or pinyin",
        ),
    ),
    (
        "Ctrl+F",
        QT_TRANSLATE_NOOP("Shortcuts", "Find a patient (MRN, name or pinyin initials)"),
    ),
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "Open the selected patient")),
    ("Ctrl+\\", QT_TRANSLATE_NOOP("Shortcuts", "Hide or show the census beside the chart")),
    (
        "Alt+1…Alt+0",
        QT_TRANSLATE_NOOP("Shortcuts", "Census: sort by the 1st…10th column (again: reverse)"),
    ),
    ("Down", QT_TRANSLATE_NOOP("Shortcuts", "From the search box, move into the patient list")),
    (
        "Ctrl+1 … Ctrl+7",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Chart tabs: summary, notes, orders, results, vitals, problems, allergies"
        ),
    ),
    ("Ctrl+Tab", QT_TRANSLATE_NOOP("Shortcuts", "Next chart tab")),
    ("Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "New note (then 1-5 or Enter to choose its type)")),
    ("F2", QT_TRANSLATE_NOOP("Shortcuts", "In a note: select the next *** blank")),
    ("Shift+F2", QT_TRANSLATE_NOOP("Shortcuts", "In a note: select the previous *** blank")),
    (
        ".vitals .meds .allergies .problems .labs + Space",
        QT_TRANSLATE_NOOP("Shortcuts", "In a note: fill in from the chart"),
    ),
    (
        "Ctrl+Enter",
        QT_TRANSLATE_NOOP("Shortcuts", "Sign the note (final: later changes are addenda)"),
    ),
    (
        "Esc",
        QT_TRANSLATE_NOOP("Shortcuts", "Leave the note, keeping it as a draft on this computer"),
    ),
    (
        "Ctrl+3",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Orders: type an order sentence (amox 500mg po tid 7d, 血常规, CXR, os pneumonia, n ...)",
        ),
    ),
    (
        "Enter / Tab / Up, Down",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "In the order line: add to the basket / take the suggestion / choose a suggestion",
        ),
    ),
    ("F9", QT_TRANSLATE_NOOP("Shortcuts", "Sign every order in the basket")),
    (
        "Alt+L",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Notes, Orders, Results, Vitals: load older rows (also by scrolling down)"
        ),
    ),
    (
        "F6",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Orders: move between the order line, the basket and the patient's orders"
        ),
    ),
    (
        "Delete / Enter",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "In the basket: remove / edit; in the patient's orders: stop (with a reason) / modify",
        ),
    ),
    ("Ctrl+Shift+N", QT_TRANSLATE_NOOP("Shortcuts", "Addendum to the selected note")),
    ("Ctrl+Shift+C", QT_TRANSLATE_NOOP("Shortcuts", "Co-sign the selected trainee's note")),
    (
        "Ctrl+Shift+Y",
        QT_TRANSLATE_NOOP("Shortcuts", "Prescribing rights of users (medical affairs office)"),
    ),
    (
        "Ctrl+Alt+D",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Dashboard (head nurse, department director, medical affairs): F5 reloads, "
            "Ctrl+E exports to Excel",
        ),
    ),
    (
        "Ctrl+Shift+O",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Orders: co-sign the selected order, or approve a special-tier antibiotic",
        ),
    ),
    (
        "Ctrl+Shift+A",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Changes refused by the server: void with a reason or amend"
        ),
    ),
    (
        "Ctrl+Shift+U",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Archived record: request an unlock from the medical-records office"
        ),
    ),
    (
        "Ctrl+W",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Nurse's worklist (Enter opens the patient, Space acknowledges an order)"
        ),
    ),
    (
        "A",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "In the worklist: your beds by the roster, or the whole ward"
        ),
    ),
    (
        "Ctrl+Alt+R",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Nurse roster (排班): Enter assigns nurses and beds, Ctrl+D as the day before, Ctrl+S "
            "saves (head nurse)",
        ),
    ),
    (
        "Ctrl+8",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "MAR: scan the wristband, then the drug; Enter records the dose"
        ),
    ),
    (
        "Ctrl+Shift+D",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Admission nursing assessment (digits choose, Enter or Tab next, Ctrl+Enter saves)",
        ),
    ),
    (
        "Ctrl+Shift+M / Ctrl+Shift+B",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Morse fall risk / Braden pressure-injury risk (1-4 or arrows choose, Tab next)",
        ),
    ),
    (
        "Ctrl+Shift+F",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Front sheet (住院病案首页): code, name or pinyin initials, ' 1'-' 4' on admission, Enter adds, Ctrl+Enter saves",
        ),
    ),
    (
        "Ctrl+Shift+E",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Report an adverse event from any screen (Alt+N anonymous, Ctrl+Enter reports)",
        ),
    ),
    (
        "Ctrl+Shift+Z",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Ward handover report (交接班报告): Ctrl+Enter signs, or signs for it when receiving",
        ),
    ),
    (
        "Ctrl+Shift+G",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Break the glass: another ward's patient (MRN, Tab, reason, Tab, minutes, Enter)",
        ),
    ),
    (
        "Ctrl+Shift+Q",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Record opioid tolerance for the open chart (doctor: basis, Enter)",
        ),
    ),
    (
        "Ctrl+Alt+P",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Problem list of the open chart (doctor): ICD-10 by code, name or pinyin, Ctrl+Enter "
            "records; Alt+P, arrows, Ctrl+R resolves",
        ),
    ),
    (
        "Ctrl+Shift+P",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Privacy alerts (privacy officer, admin): Enter marks the alert read, F5 reloads",
        ),
    ),
    (
        "Ctrl+Shift+H",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Shift handoff (I-PASS or SBAR from the chart; Ctrl+Enter saves)"
        ),
    ),
    (
        "Ctrl+Shift+W",
        QT_TRANSLATE_NOOP("Shortcuts", "Ward handoff list (Enter opens the patient's handoff)"),
    ),
    (
        "Ctrl+T",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Medication closed loop of the order chosen on the MAR or Orders tab"
        ),
    ),
    (
        "Ctrl+Shift+R",
        QT_TRANSLATE_NOOP("Shortcuts", "Receive a ward delivery: scan each item's pharmacy label"),
    ),
    (
        "Ctrl+B",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Type a barcode (wristband or drug label) when there is no scanner"
        ),
    ),
    (
        "Ctrl+Shift+T",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "In the MAR: record the skin test of the chosen drug, with a second nurse"
        ),
    ),
    (
        "Ctrl+U",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "In the MAR: unable to scan, record the chosen dose with a reason"
        ),
    ),
    (
        "Ctrl+P",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Print what the screen shows (preview: PgUp/PgDn, Ctrl+P print, Ctrl+S save as PDF)",
        ),
    ),
    (
        "Ctrl+= / Ctrl+- / Ctrl+0",
        QT_TRANSLATE_NOOP("Shortcuts", "Print preview: zoom in / zoom out / back to page width"),
    ),
    (
        "Ctrl+Shift+K",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Critical value: a nurse records the receipt (read back), a doctor acknowledges (1-5)",
        ),
    ),
    (
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Nursing level, ordered by a doctor (1 special, 2-4 level 1-3)"
        ),
    ),
    (
        "Ctrl+Shift+V",
        QT_TRANSLATE_NOOP("Shortcuts", "Nursing round: the nurse has seen the patient now"),
    ),
    ("Ctrl+Shift+I", QT_TRANSLATE_NOOP("Shortcuts", "Barthel index (a digit per item, Enter)")),
    (
        "F7",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Nursing record (护理记录): Tab next field, Alt+V pull vitals, Ctrl+Enter signs the row, F2 corrects yours",
        ),
    ),
    (
        "Ctrl+Shift+J",
        QT_TRANSLATE_NOOP("Shortcuts", "Request a consultation (1 emergency, 2 routine)"),
    ),
    ("Ctrl+Shift+X", QT_TRANSLATE_NOOP("Shortcuts", "The consultant has arrived")),
    (
        "Ctrl+I",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Infusion round: scan the bag (or arrows, Enter), rate, Enter records"
        ),
    ),
    ("Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "Lock the workstation")),
    ("Ctrl+Shift+S", QT_TRANSLATE_NOOP("Shortcuts", "Sync with the server now")),
    ("Ctrl+,", QT_TRANSLATE_NOOP("Shortcuts", "Station settings")),
    ("F11", QT_TRANSLATE_NOOP("Shortcuts", "Pharmacy: verification queue (V, R, C)")),
    ("F12", QT_TRANSLATE_NOOP("Shortcuts", "Pharmacy: outpatient counter (F5, scan, F8)")),
    ("Ctrl+F11", QT_TRANSLATE_NOOP("Shortcuts", "Pharmacy: ward dispensing pick list")),
    ("Ctrl+F12", QT_TRANSLATE_NOOP("Shortcuts", "Pharmacy: stock, alerts and reports")),
    ("Shift+F12", QT_TRANSLATE_NOOP("Shortcuts", "Pharmacy: returns (scan the label, F8 records)")),
    (
        "F4",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Anonymous feedback from any screen (Ctrl+Enter sends; sent later, unnamed)",
        ),
    ),
    ("Shift+F4", QT_TRANSLATE_NOOP("Shortcuts", "Feedback board: what staff said, the answers")),
    ("F1", QT_TRANSLATE_NOOP("Shortcuts", "This list of shortcuts")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "Log out and quit")),
)


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, what they do) in the user's language."""
    return [(keys, QCoreApplication.translate("Shortcuts", text)) for keys, text in SHORTCUTS]
