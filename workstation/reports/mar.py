"""The medication administration record (给药记录单) for a chosen period, one column per ward day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from workstation.clinical.same_name import same_name_warning
from workstation.clinical.schedule import scheduled_doses
from workstation.clock import parse_iso
from workstation.reports.context import PrintContext, live
from workstation.reports.orders import allergy_line, order_line
from workstation.reports.page import LANDSCAPE, build_pdf, grid_table, identifiers, para, styles

MAX_DAYS = 7


@dataclass(frozen=True, slots=True)
class MarEntry:
    """One line of a MAR cell: a scheduled dose and/or what was recorded at the bedside."""

    at: datetime
    due: datetime | None
    administration: dict[str, Any] | None


def due_doses(
    ctx: PrintContext, orders: list[dict[str, Any]], start: datetime, end: datetime
) -> list[tuple[datetime, dict[str, Any]]]:
    """Every scheduled dose of the orders with start <= due < end, by time then order."""
    found = [
        (due, order)
        for order in orders
        for due in scheduled_doses(order, start, end, times=ctx.times)
    ]
    return sorted(found, key=lambda pair: (pair[0], pair[1]["placed_at"]))


def mar_entries(
    ctx: PrintContext, order: dict[str, Any], given: list[dict[str, Any]],
    start: datetime, end: datetime,
) -> list[MarEntry]:  # fmt: skip
    """An order's scheduled doses matched to its administrations, plus unscheduled ones (prn, st)."""
    by_due = {parse_iso(a["scheduled_for"]): a for a in given if a.get("scheduled_for")}
    entries = [
        MarEntry(due, due, by_due.pop(due, None))
        for due in scheduled_doses(order, start, end, times=ctx.times)
    ]
    unscheduled = [a for a in given if a in by_due.values() or not a.get("scheduled_for")]
    unscheduled.sort(key=lambda a: a["administered_at"])
    if order.get("frequency") == "st" and entries and unscheduled:  # the one dose, given "at once"
        entries[0] = MarEntry(entries[0].at, entries[0].due, unscheduled.pop(0))
    for record in unscheduled:
        at = parse_iso(record["administered_at"])
        if start <= at < end:
            entries.append(MarEntry(at, None, record))
    return sorted(entries, key=lambda e: e.at)


def entry_text(ctx: PrintContext, entry: MarEntry) -> str:
    """'08:00 Given 08:12 Wang Fang', 'Due ____' for a dose still to come."""
    due = ctx.when(entry.due, clock_only=True) if entry.due else ""
    record = entry.administration
    if record is None:
        state = ctx.t("due") + " ____" if entry.at >= ctx.printed_at else ctx.t("not_recorded")
        return f"{due} {state}"
    done = f"{ctx.t(record['outcome'])} {ctx.when(record['administered_at'], clock_only=True)}"
    if record["outcome"] == "given" and record.get("dose_value") is not None:
        done += f" {record['dose_value']:g}{record.get('dose_unit') or ''}"
    return f"{due} {done} {ctx.user(record['recorded_by'])}".strip()


def default_period(ctx: PrintContext, days: int = 3) -> tuple[date, int]:
    """The last `days` ward days up to today."""
    today = ctx.local_date(ctx.printed_at)
    return today - timedelta(days=days - 1), days


def mar(ctx: PrintContext, chart: dict[str, Any], *, first_day: date | None = None,
        days: int = 3) -> bytes:  # fmt: skip
    """给药记录单: each medication order against each ward day of the period."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a MAR covers 1 to {MAX_DAYS} days, not {days}")
    first_day = first_day or default_period(ctx, days)[0]
    day_list = [first_day + timedelta(days=n) for n in range(days)]
    start = ctx.times.at(first_day, datetime.min.time())
    end = ctx.times.at(first_day + timedelta(days=days), datetime.min.time())
    s = styles(ctx)
    orders = [o for o in live(chart["orders"]) if o["order_kind"] == "medication"
              and o["status"] != "rejected" and _overlaps(o, start, end)]  # fmt: skip
    given = live(chart["administrations"])
    head = [para(ctx.t("order"), s.cell)] + [para(d.isoformat(), s.cell) for d in day_list]
    rows: list[list[Any]] = [head]
    for order in sorted(orders, key=lambda o: o["placed_at"]):
        mine = [a for a in given if a["order_id"] == order["order_id"]]
        entries = mar_entries(ctx, order, mine, start, end)
        rows.append([_order_cell(ctx, order)] + [
            para("\n".join(entry_text(ctx, e) for e in entries
                           if ctx.local_date(e.at) == day), s.cell)
            for day in day_list
        ])  # fmt: skip
    width = LANDSCAPE[0] - 24 * mm
    widths = [70 * mm] + [(width - 70 * mm) / days] * days
    period = ctx.t("period", start=ctx.when(start), end=ctx.when(end))
    story: list[Flowable] = [
        para(f"{ctx.t('allergies')}：{allergy_line(ctx, chart)}", s.body),
        *same_name_lines(ctx, chart), para(period, s.body), para(ctx.t("mar_legend"), s.small),
        grid_table(rows, widths),
    ]  # fmt: skip
    return build_pdf(ctx, story, title=ctx.t("mar"), banner=identifiers(ctx, chart["patient"]),
                     pagesize=LANDSCAPE)  # fmt: skip


def same_name_lines(ctx: PrintContext, chart: dict[str, Any]) -> list[Flowable]:
    """The same-name warning under the identification line, when another patient of the ward
    has the same name."""
    warning = same_name_warning(chart.get("same_name") or (), ctx.lang)
    return [para(f"▲ {warning}", styles(ctx).heading)] if warning else []


def _overlaps(order: dict[str, Any], start: datetime, end: datetime) -> bool:
    began = parse_iso(order["start_at"])
    ended = parse_iso(order["ended_at"]) if order.get("ended_at") else None
    return began < end and (ended is None or ended >= start)


def _order_cell(ctx: PrintContext, order: dict[str, Any]) -> Paragraph:
    s = styles(ctx)
    lines = [order_line(ctx, order), f"{ctx.t('start')}: {ctx.when(order['start_at'])}"]
    if order["status"] != "verified":
        lines.append(f"{ctx.t(order['status'])} {ctx.when(order.get('ended_at'))}".strip())
    lines.append(f"{ctx.t('doctor')}: {ctx.user(order['placed_by'])}")
    return para("\n".join(lines), s.cell)
