"""Help → Demo barcodes: the wristband code of each patient and the label codes of open doses,
to type (then Enter) where no scanner and no printed labels are at hand."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from offline_cache.workstation import Workstation
from ui.dialogs import ReturningDialog
from ui.workers import Workers
from workstation.clinical.barcodes import demo_codes
from workstation.projections.nursing_queries import nursing_chart


def demo_barcodes(ws: Workstation, ward_id: str | None) -> list[dict[str, Any]]:
    """Per patient: bed, and the core's demo codes (wristband, then label and product per order)."""
    found = []
    for patient in ws.census(ward_id):
        with ws.store.reading() as conn:
            chart = nursing_chart(conn, patient["patient_id"])
        lots = {m["order_id"]: m["lot"] for m in chart["order_stock"] if m.get("lot")}
        found.append({"bed": patient["bed"], "name": patient["name"],
                      "codes": demo_codes(patient, chart["orders"], lots)})  # fmt: skip
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
        help_text = self.tr(
            "A scanner types the code and Enter. Without a scanner, type (or paste) a code into "
            "the “Scan or type a code” box of the worklist or the MAR (Ctrl+B) and press Enter: "
            "a wristband opens that patient, a drug label or product code is checked against the "
            "due dose."
        )
        bed, wristband_words = self.tr("Bed %1"), self.tr("Wristband")
        kinds = {"(label)": self.tr("(label)"), "(product)": self.tr("(product)")}
        parts = [f"<p>{html.escape(help_text)}</p>"]
        for p in patients:
            (_caption, wristband), *drugs = p["codes"]
            title = html.escape(f"{bed.replace('%1', p['bed'])} {p['name']}")
            parts.append(f"<h3>{title}</h3><p>{html.escape(wristband_words)}: "
                         f"<code>{html.escape(wristband)}</code></p><ul>")  # fmt: skip
            for caption, code in drugs:
                for english, words in kinds.items():
                    caption = caption.replace(english, words)
                parts.append(f"<li>{html.escape(caption)}: <code>{html.escape(code)}</code></li>")
            parts.append("</ul>")
        self.text.setHtml("".join(parts))
