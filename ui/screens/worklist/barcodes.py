"""Help → Demo barcodes: the wristband code of each patient and the label codes of open doses,
to type (then Enter) where no scanner and no printed labels are at hand."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from offline_cache.workstation import Workstation
from ui.dialogs import ReturningDialog
from ui.scanner import wristband_code
from ui.screens.mar.doses import mar_orders, open_doses
from ui.screens.mar.tasks import nursing_chart
from ui.workers import Workers
from workstation.clock import utc_now
from workstation.reports.labels import order_barcode


def demo_barcodes(ws: Workstation, ward_id: str | None) -> list[dict[str, Any]]:
    """Per patient: bed, name, wristband code, and (drug, dose, label code) of each open order."""
    found = []
    for patient in ws.census(ward_id):
        with ws.store.reading() as conn:
            chart = nursing_chart(conn, patient["patient_id"])
        orders = {d.order_id: d.order for d in open_doses(mar_orders(chart, utc_now()))}
        found.append({"bed": patient["bed"], "name": patient["name"],
                      "wristband": wristband_code(patient["record_number"]),
                      "labels": [(o.get("drug_name"), o.get("dose_value"), o.get("dose_unit"),
                                  order_barcode(oid)) for oid, o in orders.items()]})  # fmt: skip
    return found


class DemoBarcodesDialog(ReturningDialog):
    """Lists the codes; the text can be selected and copied."""

    def __init__(self, workstation: Workstation, workers: Workers, ward_id: str | None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("demoBarcodes")
        self.setWindowTitle(self.tr("Demo barcodes"))
        self.text = QTextBrowser(objectName="demoBarcodesText")
        self.text.setPlainText(self.tr("Reading the ward…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 520)
        workers.run(demo_barcodes, workstation, ward_id, done=self._show)

    def _show(self, patients: list[dict[str, Any]]) -> None:
        parts = [
            f"<p>{html.escape(self.tr('A scanner types the code and Enter. Without a scanner, type (or paste) a code into the “Scan or type a code” box of the worklist or the MAR (Ctrl+B) and press Enter: a wristband opens that patient, a drug label is checked against the due dose.'))}</p>"
        ]
        for p in patients:
            parts.append(f"<h3>{html.escape(self.tr('Bed %1').replace('%1', p['bed']))} {html.escape(p['name'])}</h3>"
                         f"<p>{html.escape(self.tr('Wristband'))}: <code>{p['wristband']}</code></p><ul>")  # fmt: skip
            for name, value, unit, code in p["labels"]:
                parts.append(
                    f"<li>{html.escape(str(name))} {value:g} {html.escape(str(unit))}: <code>{code}</code></li>"
                )
            parts.append("</ul>")
        self.text.setHtml("".join(parts))
