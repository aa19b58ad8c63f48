"""Skin-test orders and results (皮试): the order placed with a drug that needs one, and the
result payload a nurse records with a second nurse (《中国药典》临床用药须知; 国家卫生健康委
《β-内酰胺类抗菌药物皮肤试验指导原则（2021年版）》)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from workstation.clinical.controlled import (
    SKIN_TEST_RESULTS,
    skin_test_result,
    skin_test_substance,
    witness_problem,
)

SKIN_TEST_CODE = "skin-test:"  # OrderPlaced.code of a skin-test order: skin-test:<substance>


def skin_test_order(drug: Mapping[str, Any]) -> dict[str, Any]:
    """The OrderPlaced payload of the skin-test order for a drug that needs one."""
    entry = drug["skin_test"]
    zh = entry.get("substance_zh") or entry["substance"]
    return {
        "order_kind": "nursing",
        "description": f"{zh}皮试 / {entry['substance']} skin test (before {drug['name_en']})",
        "code": f"{SKIN_TEST_CODE}{entry['substance']}",
        "urgent": True,
    }


def skin_test_orders_for(
    orders: Iterable[Mapping[str, Any]],
    drug_of: Any,
    *,
    on_file: Mapping[str, str],
    open_codes: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """The skin-test orders a basket needs: one per substance whose drug needs a test with no
    result on file and no skin-test order already open (`open_codes`: codes of open orders)."""
    wanted: dict[str, dict[str, Any]] = {}
    already = set(open_codes)
    for order in orders:
        code = (order.get("medication") or {}).get("drug_code") or order.get("drug_code")
        drug = drug_of(code) if code else None
        substance = skin_test_substance(drug)
        if drug is None or substance is None or skin_test_result(drug, on_file) is not None:
            continue
        payload = skin_test_order(drug)
        if payload["code"] not in already:
            wanted.setdefault(payload["code"], payload)
    return list(wanted.values())


def skin_test_payload(*, substance: str, result: str, read_at: str, witness_id: str,
                      author_id: str, order_id: str | None = None, drug_code: str | None = None,
                      reaction: str | None = None) -> dict[str, Any]:  # fmt: skip
    """The SkinTestRecorded payload; ValueError for an unknown result or a missing or
    self-made witness (双人核对)."""
    if result not in SKIN_TEST_RESULTS:
        raise ValueError(f"result must be one of {', '.join(SKIN_TEST_RESULTS)}")
    payload: dict[str, Any] = {"substance": substance.strip(), "result": result,
                               "read_at": read_at, "witness_id": witness_id}  # fmt: skip
    problem = witness_problem(author_id, payload)
    if problem:
        raise ValueError(problem)
    extra = {"order_id": order_id, "drug_code": drug_code, "reaction": reaction}
    return payload | {k: v for k, v in extra.items() if v}


RESULT_MARKS = {"negative": "（-）", "positive": "（+）"}  # as a ward writes it beside 青霉素皮试


def with_skin_test_results(
    orders: Iterable[Mapping[str, Any]], skin_tests: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The orders with each skin-test order's result marked after its description (the order
    sheet shows 青霉素皮试（-）); a result names its order, or else its substance."""
    live = [t for t in skin_tests if not t.get("voided")]
    by_order = {t["order_id"]: t["result"] for t in live if t.get("order_id")}
    by_substance = {str(t["substance"]).lower(): t["result"] for t in live}
    marked = []
    for order in orders:
        code = str(order.get("code") or "")
        result = None
        if code.startswith(SKIN_TEST_CODE):
            result = by_order.get(order["order_id"]) or by_substance.get(
                code.removeprefix(SKIN_TEST_CODE).lower()
            )
        mark = RESULT_MARKS.get(result or "")
        marked.append(
            dict(order) | ({"description": f"{order['description']}{mark}"} if mark else {})
        )
    return marked
