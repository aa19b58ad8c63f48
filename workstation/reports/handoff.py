"""The handoff sheet (交接班记录) in I-PASS order, and the chart extracts it shares with the
downtime pack: allergies, orders in force, latest vitals, pending and abnormal results."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from workstation.clinical.handoff_words import heading
from workstation.clinical.lab_names import lab_name, study_name
from workstation.reports.context import PrintContext, live
from workstation.reports.mar import due_doses
from workstation.reports.notes import latest_results
from workstation.reports.orders import allergy_line, dose_text, order_line
from workstation.reports.page import build_pdf, identifiers, para, styles
from workstation.reports.text import route_text

SHIFT_HOURS = 12
IN_FORCE = ("placed", "verified")


def allergy_text(ctx: PrintContext, chart: dict[str, Any]) -> str:
    """Allergies with severity and reaction (worded as in notes and the handoff), else the
    allergy status in its one pair of words: "no known allergies" (who, when) or "not yet
    documented" (workstation.clinical.allergy_status)."""
    return allergy_line(ctx, chart)


def orders_in_force(chart: dict[str, Any]) -> list[dict[str, Any]]:
    """Every order not yet ended, rejected or voided, oldest first."""
    return sorted((o for o in live(chart["orders"]) if o["status"] in IN_FORCE),
                  key=lambda o: o["placed_at"])  # fmt: skip


def latest_vitals_text(ctx: PrintContext, chart: dict[str, Any]) -> str:
    """The newest vitals as one line."""
    rows = sorted(live(chart["vitals"]), key=lambda v: v["taken_at"])
    if not rows:
        return ctx.t("none")
    v = rows[-1]

    def shown(value: Any) -> str:
        return "–" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    bp = f"{shown(v['systolic_mmhg'])}/{shown(v['diastolic_mmhg'])}"
    return ctx.t("vitals_line", at=ctx.when(v["taken_at"]), t=shown(v["temperature_c"]),
                 p=shown(v["pulse_bpm"]), r=shown(v["resp_rate"]), bp=bp, s=shown(v["spo2_pct"]))  # fmt: skip


def pending_results(chart: dict[str, Any]) -> list[dict[str, Any]]:
    """Lab and imaging orders placed but not yet resulted."""
    return [o for o in orders_in_force(chart) if o["order_kind"] in ("lab", "imaging")]


def due_lines(ctx: PrintContext, chart: dict[str, Any], start: datetime, hours: int) -> list[str]:
    """'20:00 Metoprolol 25 mg oral' for each dose due in the coming hours."""
    medicines = [o for o in orders_in_force(chart) if o["order_kind"] == "medication"]
    doses = due_doses(ctx, medicines, start, start + timedelta(hours=hours))
    return [f"{ctx.when(due)[5:]}  {ctx.drug_name(o)} {dose_text(o, ctx.lang)} {route_text(ctx.lang, o['route'])}"
            for due, o in doses]  # fmt: skip


def _flag(ctx: PrintContext, flag: str) -> str:
    """A result's flag in words (偏高 / high); an unknown flag as it is."""
    try:
        return ctx.t(f"flag_{flag}")
    except KeyError:
        return flag


def handoff_story(ctx: PrintContext, chart: dict[str, Any]) -> list[Flowable]:
    """The I-PASS sections for one patient."""
    s, patient = styles(ctx), chart["patient"]
    flags = [f["message"] for f in chart["flags"]]
    abnormal = [f"{lab_name(r, ctx.lang)} {r['value']}{r.get('unit') or ''} ({_flag(ctx, r['flag'])})"
                for r in latest_results(chart) if r.get("flag")]  # fmt: skip
    problems = "；".join(
        p["description"] for p in live(chart["problems"]) if p["status"] == "active"
    )
    orders = "\n".join(order_line(ctx, o) for o in orders_in_force(chart)) or ctx.t("none")
    due = "\n".join(due_lines(ctx, chart, ctx.printed_at, SHIFT_HOURS)) or ctx.t("no_doses_due")
    pending = "\n".join(f"{study_name(o, ctx.lang)}（{ctx.when(o['placed_at'])}）"
                        for o in pending_results(chart)) or ctx.t("none")  # fmt: skip
    acuity = ctx.t(patient["acuity"]) if patient.get("acuity") else ""

    def section(key: str, *lines: str) -> list[Flowable]:
        return [para(heading(ctx.lang, key), s.heading), *(para(line, s.body) for line in lines)]

    return [
        *section("ipass_i", acuity),
        *section("ipass_p", f"{ctx.t('diagnosis')}：{patient.get('diagnosis') or ''}",
                 f"{ctx.t('problems')}：{problems}", f"{ctx.t('allergies')}：{allergy_text(ctx, chart)}",
                 f"{ctx.t('latest_vitals')}：{latest_vitals_text(ctx, chart)}"),
        para(ctx.t("active_orders"), s.body), para(orders, s.cell),
        *section("ipass_a", ctx.t("due_next_shift", hours=SHIFT_HOURS)),
        para(due, s.cell), para(ctx.t("pending_results"), s.body), para(pending, s.cell),
        *section("ipass_s", f"{ctx.t('review_flags')}：{'；'.join(flags) or ctx.t('none')}",
                 f"{ctx.t('abnormal_results')}：{'；'.join(abnormal) or ctx.t('none')}"),
        *section("ipass_synthesis", "\n\n"),
        Spacer(1, 4 * mm),
        para(f"{ctx.t('handed_over_by')}        {ctx.t('received_by')}", s.body),
    ]  # fmt: skip


def handoff(ctx: PrintContext, chart: dict[str, Any]) -> bytes:
    """交接班记录 for one patient."""
    return build_pdf(ctx, handoff_story(ctx, chart), title=ctx.t("handoff"),
                     banner=identifiers(ctx, chart["patient"]))  # fmt: skip
