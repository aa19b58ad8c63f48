"""The patient banner, always above the chart: who this is, and what must not be missed."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.icons import icon, icon_html
from ui.screens.archive.texts import archive_banner
from ui.screens.critical.texts import care_line, care_states, critical_line
from ui.terms import allergen, allergy_status_text, local_time, number, sex_age, term
from ui.theme import current_theme
from workstation.clinical.allergy_status import NONE_KNOWN, allergy_status
from workstation.clinical.checks.context import opioid_tolerant
from workstation.clinical.news2 import news2
from workstation.clinical.same_name import same_name_warning
from workstation.clock import parse_iso, utc_now


def _lang() -> str:
    return "zh" if QLocale().name().startswith("zh") else "en"


def _ward(chart: dict[str, Any]) -> str:
    """The ward's name in the user's language (its code before the wards snapshot arrives)."""
    names = chart.get("ward_names") or {}
    name = names.get("zh" if QLocale().name().startswith("zh") else "en")
    return str(name or chart["patient"]["ward_id"])


class PatientBanner(QFrame):
    """Name, sex and age, record number, bed, weight; allergies and alerts on a second line."""

    sig_attention_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("patientBanner")
        self.attention = QPushButton(objectName="bannerAttention", flat=True)
        self.attention.clicked.connect(self.sig_attention_requested)
        self.name = QLabel(objectName="bannerName")
        # 病危 in red, 病重 in orange, each with its own icon: never one triangle for both
        self.acuity = QLabel(objectName="bannerAcuity")
        self.details = QLabel(objectName="bannerDetails", wordWrap=True)  # wraps in large print
        self.allergies = QLabel(objectName="bannerAllergies", wordWrap=True)
        self.alerts = QLabel(objectName="bannerAlerts", wordWrap=True)
        self.archive = QLabel(objectName="bannerArchive", wordWrap=True)  # 归档: locked or not
        # 危急值 (red until a doctor acknowledges), 护理级别 and its round, open 会诊
        self.critical = QLabel(objectName="bannerCritical", wordWrap=True)
        self.critical.setProperty("badge", "critical")
        self.care = QLabel(objectName="bannerCare", wordWrap=True)
        self.break_glass = QLabel(
            objectName="bannerBreakGlass", wordWrap=True
        )  # red in every theme
        self.break_glass.setProperty("badge", "critical")
        self.grant_ends = QTimer(self, singleShot=True)
        self.grant_ends.timeout.connect(self._grant_ended)
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addWidget(self.acuity)
        top.addWidget(self.details, 1)
        top.addWidget(self.attention)
        layout = QVBoxLayout(self)
        # close-set lines: the band sits over every chart tab, and at large print its default
        # spacing pushed the window 2 pixels past a 768-pixel screen (the walker, full run)
        layout.setSpacing(2)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addLayout(top)
        layout.addWidget(self.allergies)
        layout.addWidget(self.critical)
        layout.addWidget(self.alerts)
        layout.addWidget(self.care)
        layout.addWidget(self.archive)
        layout.addWidget(self.break_glass)
        self.clear()

    def clear(self) -> None:
        """No patient."""
        self.name.setText(self.tr("No patient open"))
        for label in (self.details, self.allergies, self.alerts, self.archive, self.break_glass,
                      self.critical, self.care):  # fmt: skip
            label.clear()
        self.critical.hide()
        self.acuity.hide()
        self.care.hide()
        self.attention.setText("")
        self.alerts.hide()
        self.archive.hide()
        self._grant_ended()
        self.attention.hide()

    def show_patient(self, chart: dict[str, Any]) -> None:
        """Fill from a chart dict (patient, allergies, flags)."""
        p = chart["patient"]
        self.name.setText(p["name"])
        weight = number(p.get("weight_kg")) if p.get("weight_kg") else ""
        self.details.setText(
            "   ".join([
                sex_age(p["sex"], p["birth_date"]),
                self.tr("MRN %1").replace("%1", p["record_number"]),
                self.tr("Ward %1 bed %2").replace("%1", _ward(chart)).replace("%2", p["bed"]),
                self.tr("Weight %1 kg").replace("%1", weight) if weight else self.tr("Weight not recorded"),
            ])
        )  # fmt: skip
        status = allergy_status(chart)
        allergy_text = escape(self._allergy_text(chart))
        flagged = bool(self._live(chart["allergies"])) or not status.documented
        self.allergies.setText(self._icon("allergy") + allergy_text if flagged else allergy_text)
        self._show_acuity(p.get("acuity"))
        self.allergies.setProperty("alert", status.kind != NONE_KNOWN)
        self.allergies.style().polish(self.allergies)
        alerts = self._alerts(p, chart)
        self.alerts.setText(self._icon("warning") + escape(alerts) if alerts else "")
        self.alerts.setVisible(bool(alerts))
        archive = archive_banner(chart.get("archive"), chart.get("user_names") or {})
        locked = bool((chart.get("archive") or {}).get("locked"))
        self.archive.setText(
            self._icon("failed") + escape(archive) if locked and archive else archive
        )
        self.archive.setProperty("alert", locked)
        self.archive.style().polish(self.archive)
        self.archive.setVisible(bool(archive))
        self.show_grant(chart.get("break_glass"))
        self.show_safety(chart.get("safety") or {})
        waiting = len(chart.get("needs_attention") or [])
        self.attention.setText(
            self.tr("%1 unsent change(s) need attention (Ctrl+Shift+A)").replace("%1", str(waiting))
        )
        self.attention.setIcon(icon("warning"))
        self.attention.setVisible(bool(waiting))

    def _icon(self, kind: str) -> str:
        """An icon in the banner's alert colour, before the words it marks."""
        return icon_html(kind, current_theme().colours.banner_alert) + " "

    def _show_acuity(self, acuity: str | None) -> None:
        """病危 boxed in red with the heartbeat icon, 病重 in orange with the bed icon."""
        if acuity not in ("critical", "serious"):
            self.acuity.hide()
            return
        meaning = "critical" if acuity == "critical" else "high_alert"
        on_colour = getattr(current_theme().colours, f"on_{meaning}")
        self.acuity.setProperty("badge", meaning)
        self.acuity.style().polish(self.acuity)
        self.acuity.setText(icon_html(f"acuity_{acuity}", on_colour) + " " + escape(term(acuity)))
        self.acuity.show()

    def show_safety(self, safety: dict[str, Any]) -> None:
        """Open critical values in red; the nursing level, its round and open consultations."""
        lines = [critical_line(v) for v in safety.get("critical_values") or []]
        on_red = current_theme().colours.on_critical
        critical = "<br>".join(icon_html("critical", on_red) + escape(line) for line in lines)
        self.critical.setText(critical)
        self.critical.setVisible(bool(critical))
        care = care_line(safety)
        self.care.setText(care)
        self.care.setProperty("alert", "overdue" in care_states(safety))
        self.care.style().polish(self.care)
        self.care.setVisible(bool(care))

    def show_grant(self, grant: dict[str, Any] | None) -> None:
        """The red break-the-glass line while the user's grant runs; gone by itself at its end."""
        self.grant_ends.stop()
        left_ms = (
            (parse_iso(grant["expires_at"]) - utc_now()).total_seconds() * 1000 if grant else 0
        )
        if grant is None or left_ms <= 0:
            self._grant_ended()
            return
        until = local_time(grant["expires_at"])[-5:]
        self.break_glass.setText(
            self.tr("Break-the-glass until %1 (ward clock) — %2")
            .replace("%1", until)
            .replace("%2", grant["reason"])
        )
        self.break_glass.show()
        self.grant_ends.start(int(min(left_ms, 2**31 - 1)))

    def _grant_ended(self) -> None:
        self.grant_ends.stop()
        self.break_glass.clear()
        self.break_glass.hide()

    @staticmethod
    def _live(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [row for row in rows if not row.get("voided")]

    def _allergy_text(self, chart: dict[str, Any]) -> str:
        """Recorded allergies, else the one pair of words of the allergy status (who, when)."""
        live = self._live(chart["allergies"])
        if not live:
            text = allergy_status_text(chart)
            return text
        names = ", ".join(f"{allergen(a['substance'])} ({term(a['severity'])})" for a in live)
        return self.tr("Allergies: %1").replace("%1", names)

    def _news2_escalation(self, vitals: list[dict[str, Any]]) -> str:
        live = self._live(vitals)
        if not live:
            return ""
        score = news2(max(live, key=lambda v: v["taken_at"]))
        if not score.escalate:
            return ""
        return self.tr("NEWS2 %1 at the last vitals: urgent review").replace("%1", str(score.total))

    def _alerts(self, patient: dict[str, Any], chart: dict[str, Any]) -> str:
        alerts = []
        if patient.get("status") == "discharged":
            alerts.append(self.tr("discharged"))
        if patient.get("temporary_number"):
            alerts.append(self.tr("temporary MRN"))
        escalation = self._news2_escalation(chart.get("vitals") or [])
        if escalation:
            alerts.append(escalation)
        same_name = same_name_warning(chart.get("same_name") or (), _lang())
        if same_name:
            alerts.append(same_name)
        if chart["flags"]:
            alerts.append(self.tr("%1 item(s) need review").replace("%1", str(len(chart["flags"]))))
        if opioid_tolerant(chart):
            alerts.append(self.tr("opioid tolerant (recorded by a doctor)"))
        return self.tr("Alerts: %1").replace("%1", "; ".join(alerts)) if alerts else ""
