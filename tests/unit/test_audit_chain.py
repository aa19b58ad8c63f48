"""The audit hash chain: intact verifies; any tampering names the first bad row."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from workstation.security.audit_chain import (
    CHAINED_FIELDS,
    GENESIS,
    ChainBreak,
    row_hash,
    verify_chain,
)


def build_chain(count: int) -> list[dict[str, Any]]:
    """A valid chain of count rows, as the server's audit.append writes them."""
    rows, prev = [], GENESIS
    for audit_id in range(1, count + 1):
        row = {
            "audit_id": audit_id,
            "at": f"2024-03-01T08:{audit_id % 60:02d}:00.000Z",
            "actor_id": f"user-{audit_id % 3}",
            "action": "chart_opened" if audit_id % 2 else "event:NoteSigned",
            "patient_id": None if audit_id % 4 == 0 else f"patient-{audit_id % 5}",
            "device_id": "dev-1",
            "detail": f'{{"server_seq":{audit_id}}}' if audit_id % 3 else None,
            "prev_hash": prev,
        }
        row["hash"] = prev = row_hash(prev, row)
        rows.append(row)
    return rows


def test_intact_chain_verifies():
    assert verify_chain(build_chain(10)) is None


def test_empty_chain_verifies():
    assert verify_chain([]) is None


def test_first_row_links_to_genesis():
    rows = build_chain(3)
    assert rows[0]["prev_hash"] == GENESIS
    assert rows[1]["prev_hash"] == rows[0]["hash"]


def test_hash_depends_on_the_previous_hash():
    row = build_chain(1)[0]
    assert row_hash(GENESIS, row) != row_hash("f" * 64, row)


@pytest.mark.parametrize("field", [*CHAINED_FIELDS, "prev_hash", "hash"])
@pytest.mark.parametrize("position", [0, 4, 9])
def test_altering_any_field_names_that_row(field, position):
    rows = build_chain(10)
    rows[position][field] = _altered(rows[position][field])
    found = verify_chain(rows)
    assert isinstance(found, ChainBreak)
    assert found.audit_id == rows[position]["audit_id"]  # as it now reads, if renumbered


def _altered(value: Any) -> Any:
    if value is None:
        return "inserted"
    if isinstance(value, int):
        return value + 100
    return value[:-1] + ("x" if value[-1:] != "x" else "y")


@pytest.mark.parametrize("position", [0, 1, 5, 8])
def test_deleting_a_row_names_the_row_after_the_gap(position):
    rows = build_chain(10)
    removed = rows.pop(position)
    found = verify_chain(rows)
    assert found is not None
    assert found.audit_id == removed["audit_id"] + 1


def test_deleting_a_row_and_renumbering_the_rest_is_still_found():
    rows = build_chain(10)
    del rows[3]
    for audit_id, row in enumerate(rows, start=1):
        row["audit_id"] = audit_id
    found = verify_chain(rows)
    assert found is not None and found.audit_id == 4


def test_swapping_two_rows_names_the_first_out_of_place():
    rows = build_chain(10)
    rows[4], rows[5] = rows[5], rows[4]
    found = verify_chain(rows)
    assert found is not None and found.audit_id == 6


def test_swapping_rows_and_their_ids_is_found_by_the_hash_links():
    rows = copy.deepcopy(build_chain(10))
    rows[4], rows[5] = rows[5], rows[4]
    rows[4]["audit_id"], rows[5]["audit_id"] = 5, 6
    found = verify_chain(rows)
    assert found == ChainBreak(5, "previous-hash link does not match")


def test_rewriting_a_row_with_a_fresh_hash_breaks_the_next_link():
    rows = build_chain(10)
    rows[2]["action"] = "logout"
    rows[2]["hash"] = row_hash(rows[2]["prev_hash"], rows[2])
    found = verify_chain(rows)
    assert found == ChainBreak(4, "previous-hash link does not match")


def test_content_change_is_reported_as_such():
    rows = build_chain(5)
    rows[1]["detail"] = '{"server_seq":999}'
    assert verify_chain(rows) == ChainBreak(2, "content does not match its hash")
