"""The ward handover report (交接班报告) as printed: the shift's census counts, the special
patients, and the handing-over and receiving nurses' signatures (医疗质量安全核心制度要点 2018)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from workstation.clinical.ward_census import COUNT_KEYS, COUNT_NAMES
from workstation.reports.context import PrintContext
from workstation.reports.page import LANDSCAPE, build_pdf, grid_table, para, styles

WORDS: dict[str, tuple[str, str]] = {
    "title": ("病区交接班报告", "Ward handover report"),
    "ward": ("病区", "Ward"), "shift": ("班次", "Shift"),
    "day": ("白班", "day"), "evening": ("小夜班", "evening"), "night": ("大夜班", "night"),
    "special": ("特殊患者", "Special patients"), "bed": ("床号", "Bed"), "name": ("姓名", "Name"),
    "reasons": ("交班内容", "Why"), "note": ("备注", "Note"),
    "admitted": ("新入院", "new admission"), "transferred_in": ("转入", "transferred in"),
    "operated": ("手术", "operation"), "critical": ("病危", "critically ill"),
    "serious": ("病重", "seriously ill"), "none": ("无", "none"),
    "handed_over": ("交班护士：{who}　{at}", "Handed over by: {who}  {at}"),
    "received": ("接班护士：{who}　{at}", "Received by: {who}  {at}"),
    "draft": ("草稿：由事件生成，尚未签名", "Draft from the events, not yet signed"),
}  # fmt: skip


def handover_word(key: str, lang: str) -> str:
    """A shift or a special patient's reason in a language, as printed (a screen uses it too);
    an unknown key as it is."""
    pair = WORDS.get(key)
    return key if pair is None else pair[0] if lang.lower().startswith("zh") else pair[1]


def _w(ctx: PrintContext, key: str, **values: object) -> str:
    zh, en = WORDS[key]
    return (zh if ctx.zh else en).format(**values)


def _counts_table(ctx: PrintContext, counts: dict[str, Any]) -> Any:
    names = [COUNT_NAMES[k][0 if ctx.zh else 1] for k in COUNT_KEYS]
    return grid_table(
        [names, [str(counts.get(k, 0)) for k in COUNT_KEYS]], [26 * mm] * len(COUNT_KEYS)
    )


def _special_table(ctx: PrintContext, rows: list[dict[str, Any]]) -> Any:
    s = styles(ctx)
    table: list[list[Any]] = [[_w(ctx, k) for k in ("bed", "name", "reasons", "note")]]
    for row in rows:
        why = "、".join(_w(ctx, r) for r in row.get("reasons") or [])
        table.append(
            [
                row.get("bed", ""),
                row.get("name", ""),
                para(why, s.cell),
                para(row.get("note") or "", s.cell),
            ]
        )
    return grid_table(table, [20 * mm, 40 * mm, 90 * mm, 110 * mm])


def handover_story(ctx: PrintContext, report: dict[str, Any]) -> list[Flowable]:
    """The report: `ward_id`, `shift`, `shift_start`, `shift_end`, `counts`, `special_patients`
    (rows), and when signed `signed_by`/`signed_at`, `received_by`/`received_at`."""
    s = styles(ctx)
    head = (f"{_w(ctx, 'ward')}：{ctx.ward_name(report['ward_id'])}　　{_w(ctx, 'shift')}：{_w(ctx, report['shift'])}"
            f"　{ctx.when(report['shift_start'])} – {ctx.when(report['shift_end'])}")  # fmt: skip
    rows = report["special_patients"]
    story: list[Flowable] = [para(head, s.body), Spacer(1, 3 * mm),
                             _counts_table(ctx, report["counts"]), Spacer(1, 4 * mm),
                             para(_w(ctx, "special"), s.heading)]  # fmt: skip
    story.append(_special_table(ctx, rows) if rows else para(_w(ctx, "none"), s.body))
    if report.get("note"):
        story.append(para(report["note"], s.body))
    story.append(Spacer(1, 8 * mm))
    if not report.get("signed_by"):
        story.append(para(_w(ctx, "draft"), s.small))
    story += [para(_w(ctx, "handed_over", who=ctx.user(report.get("signed_by")) or "＿＿＿＿",
                      at=ctx.when(report.get("signed_at"))), s.body),
              para(_w(ctx, "received", who=ctx.user(report.get("received_by")) or "＿＿＿＿",
                      at=ctx.when(report.get("received_at"))), s.body)]  # fmt: skip
    return story


def handover_report_pdf(ctx: PrintContext, report: dict[str, Any]) -> bytes:
    """交接班报告 of one ward's shift."""
    return build_pdf(ctx, handover_story(ctx, report), title=_w(ctx, "title"), pagesize=LANDSCAPE)
