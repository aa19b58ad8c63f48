"""The older-adults advice says in Chinese what it says in English: the Chinese alert no longer
falls back to a bare "老年人潜在不适当用药" while the English one gives the reason and the action."""

from __future__ import annotations

import json

from workstation.clinical.checks.age import check
from workstation.clinical.checks.model import MedicationOrder, PatientContext
from workstation.clinical.knowledge import default_knowledge
from workstation.resources import resource

CJK_PER_LATIN = 0.25  # a Chinese sentence takes about a third of the English one's characters


def _older_adults() -> list[tuple[str, dict[str, object]]]:
    document = json.loads(resource("formulary", "formulary.json").read_text(encoding="utf-8"))
    return [(d["code"], d["older_adults"]) for d in document["drugs"] if d.get("older_adults")]


def test_every_older_adults_advice_has_a_chinese_text_as_full_as_the_english() -> None:
    entries = _older_adults()
    assert len(entries) > 50
    for code, entry in entries:
        english, chinese = str(entry["advice"]), str(entry.get("advice_zh") or "")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), code
        assert len(chinese) >= CJK_PER_LATIN * len(english), code


def test_the_chinese_alert_gives_the_reason_and_the_action() -> None:
    alerts = check(MedicationOrder("aspirin", 100, "mg", "po", "qd", 1), PatientContext(age_years=82),
                   default_knowledge())  # fmt: skip
    assert len(alerts) == 1
    assert "primary prevention" in alerts[0].message
    assert "一级预防" in alerts[0].message_zh and "出血" in alerts[0].message_zh
