"""The ▲ mark of high-alert medicines (ISMP acute care 2018; 中国高警示药品推荐目录 2019), shown
beside the drug's name on every screen and printout that names it (issue 11 item 1)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from workstation.clinical.formulary import Formulary

HIGH_ALERT_MARK = "▲"

# drug code -> the routes on which it is high-alert (empty: every route)
HighAlertRoutes = dict[str, tuple[str, ...]]


def high_alert_routes(entries: Iterable[Mapping[str, Any]]) -> HighAlertRoutes:
    """The high-alert drugs of formulary entries (JSON objects) and the routes that make them so."""
    return {
        str(e["code"]): tuple(e.get("high_alert_routes") or ())
        for e in entries
        if e.get("high_alert")
    }


def is_marked(routes: HighAlertRoutes, code: str, route: str | None) -> bool:
    """Whether a drug given by this route is high-alert; a listing without a route (stock)
    marks only drugs that are high-alert on every route."""
    if code not in routes:
        return False
    limited = routes[code]
    return not limited or (route is not None and route in limited)


def marked_name(routes: HighAlertRoutes, name: str, order: Mapping[str, Any]) -> str:
    """`▲ 胰岛素` for a high-alert order's drug, the name unchanged otherwise."""
    code = str(order.get("drug_code") or "")
    mark = is_marked(routes, code, order.get("route"))
    return f"{HIGH_ALERT_MARK} {name}" if mark else name


def is_high_alert(order: Mapping[str, Any], formulary: Formulary) -> bool:
    """ISMP high-alert drug by the formulary in force, for the order's route when the formulary
    limits it (the caller passes the station's formulary: the pharmacy may have published one)."""
    drug = formulary.by_code(order.get("drug_code") or "")
    if drug is None or not drug.high_alert:
        return False
    routes = drug.entry.get("high_alert_routes")
    return not routes or order.get("route") in routes
