"""Per-rule statistics: how often each rule fires and how often it is overridden."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workstation.clinical.checks.model import Alert


@dataclass
class RuleStatistics:
    """A store-agnostic counter of fired and overridden alerts per rule."""

    fired: Counter[str] = field(default_factory=Counter)
    overridden: Counter[str] = field(default_factory=Counter)
    category: dict[str, str] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)

    def record_fired(self, alerts: Iterable[Alert | Mapping[str, Any]]) -> None:
        """Count each alert shown with an order (an Alert or its stored {rule_id, ...} form)."""
        for alert in alerts:
            rule_id = alert.rule_id if isinstance(alert, Alert) else str(alert["rule_id"])
            self.fired[rule_id] += 1
            get = (lambda k, a=alert: getattr(a, k)) if isinstance(alert, Alert) else alert.get
            self.category.setdefault(rule_id, str(get("category") or ""))
            self.severity.setdefault(rule_id, str(get("severity") or ""))

    def record_overridden(self, rule_ids: Iterable[str]) -> None:
        """Count rules the prescriber overrode (signed despite the alert, with a reason)."""
        self.overridden.update(rule_ids)

    def summary(self) -> list[dict[str, Any]]:
        """One row per rule, most fired first: fired, overridden, override_rate."""
        rows = []
        for rule_id, fired in self.fired.most_common():
            overridden = self.overridden.get(rule_id, 0)
            rows.append({
                "rule_id": rule_id, "category": self.category.get(rule_id, ""),
                "severity": self.severity.get(rule_id, ""), "fired": fired,
                "overridden": overridden, "override_rate": round(overridden / fired, 3),
            })  # fmt: skip
        return rows


def _overrides(raw: Any) -> Mapping[str, Any] | None:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            return None
    return raw if isinstance(raw, Mapping) else None


def statistics_from_orders(orders: Iterable[Mapping[str, Any]]) -> RuleStatistics:
    """Statistics from stored orders whose `overrides` is the OrderPlaced object
    {"alerts": [{rule_id, category, severity}], "reasons": {rule_id: reason}} (or its JSON text).
    Voided orders are left out."""
    stats = RuleStatistics()
    for order in orders:
        payload = _overrides(order.get("overrides"))
        if order.get("voided") or payload is None:
            continue
        alerts = [
            a for a in payload.get("alerts") or () if isinstance(a, Mapping) and a.get("rule_id")
        ]
        stats.record_fired(alerts)
        fired = {str(a["rule_id"]) for a in alerts}
        reasons = payload.get("reasons") or {}
        stats.record_overridden(r for r, why in reasons.items() if r in fired and str(why).strip())
    return stats
