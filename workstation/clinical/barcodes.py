"""The demo barcode formats the nurse's scanner reads (a keyboard wedge types them, then Enter).

- Wristband: `WB` + the patient's record number (`WBMRN0001`).
- Pharmacy label: the order's UUID as 40 decimal digits, exactly what the medication labels print
  (workstation.reports.labels.order_barcode; Code 128 set C).
- Unit-dose product: `RX:<drug code>:<strength>:<unit>:<route>[:<lot>]`
  (`RX:amoxicillin:500:mg:po:L2403`), the drug and its strength; the lot is optional.

These are demonstration formats (no GS1 registry behind them); a hospital with GS1 DataMatrix
unit-dose codes would add a parser here and keep the same `Scan` result.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

WRISTBAND_PREFIX = "WB"
PRODUCT_PREFIX = "RX:"
LABEL_DIGITS = 40  # a UUID's 128 bits fit in 39 decimal digits; even, for Code 128 set C


@dataclass(frozen=True, slots=True)
class Scan:
    """What a scanned code names. kind: wristband (record_number), label (order_id), product."""

    kind: str
    raw: str
    record_number: str | None = None
    order_id: str | None = None
    drug_code: str | None = None
    strength: float | None = None
    unit: str | None = None
    route: str | None = None
    lot: str | None = None


def wristband_code(record_number: str) -> str:
    """The text a patient's wristband barcode carries."""
    return f"{WRISTBAND_PREFIX}{record_number}"


def label_code(order_id: str) -> str:
    """The digits a pharmacy label's barcode carries for an order (as the printed labels)."""
    return f"{uuid.UUID(order_id).int:0{LABEL_DIGITS}d}"


def product_code(drug_code: str, strength: float, unit: str, route: str,
                 lot: str | None = None) -> str:  # fmt: skip
    """The text a unit-dose package's barcode carries."""
    code = f"{PRODUCT_PREFIX}{drug_code}:{strength:g}:{unit}:{route}"
    return f"{code}:{lot}" if lot else code


def parse_scan(text: str) -> Scan | None:
    """The code a scan is, or None when it is none of ours (typed text, a foreign barcode)."""
    raw = text.strip()
    if raw.startswith(WRISTBAND_PREFIX) and len(raw) > len(WRISTBAND_PREFIX):
        return Scan("wristband", raw, record_number=raw[len(WRISTBAND_PREFIX) :])
    if raw.startswith(PRODUCT_PREFIX):
        return _product(raw)
    if len(raw) == LABEL_DIGITS and raw.isdigit() and int(raw) < 1 << 128:
        return Scan("label", raw, order_id=str(uuid.UUID(int=int(raw))))
    return None


def _product(raw: str) -> Scan | None:
    parts = raw[len(PRODUCT_PREFIX) :].split(":")
    if len(parts) not in (4, 5) or not all(parts):
        return None
    try:
        strength = float(parts[1])
    except ValueError:
        return None
    lot = parts[4] if len(parts) == 5 else None
    return Scan("product", raw, drug_code=parts[0], strength=strength, unit=parts[2],
                route=parts[3], lot=lot)  # fmt: skip


def demo_codes(patient: Mapping[str, Any], orders: list[Mapping[str, Any]],
               lots: Mapping[str, str] | None = None) -> list[tuple[str, str]]:  # fmt: skip
    """(caption, code) to print for trying the scanning flow: the wristband, then for each
    medication order in force its label and its product code (with the lot dispensed, if any)."""
    codes = [(f"{patient['name']} {patient['record_number']}",
              wristband_code(patient["record_number"]))]  # fmt: skip
    for order in orders:
        if order.get("order_kind") != "medication" or order.get("voided"):
            continue
        if order.get("status") not in ("placed", "verified") or not order.get("drug_code"):
            continue
        codes.append((f"{order['description']} (label)", label_code(order["order_id"])))
        if order.get("dose_value") and order.get("dose_unit") and order.get("route"):
            product = product_code(order["drug_code"], order["dose_value"], order["dose_unit"],
                                   order["route"], (lots or {}).get(order["order_id"]))  # fmt: skip
            codes.append((f"{order['description']} (product)", product))
    return codes
