"""The nursing record as printed (护理记录单): the 一般护理记录 and the 危重患者护理记录 with the
columns 病历书写基本规范 (2010) Art. 22 (二十三) names — date and time to the minute, temperature,
pulse, respiration, blood pressure and other observations, intake and output, the measures and
their effect, and the nurse's signature — with the shift (班次小结) and 24-hour (24小时总结)
intake and output totals after the last row of their period. A superseded row is printed struck
through, still readable (Art. 7), and its correction says so."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from workstation.clinical.nursing_record import KIND_NAMES, RecordSettings, Totals, sheet_lines
from workstation.reports import fonts
from workstation.reports.context import PrintContext
from workstation.reports.page import (
    LANDSCAPE,
    SHADE,
    build_pdf,
    grid_table,
    identifiers,
    para,
    printable,
    styles,
)

WORDS: dict[str, tuple[str, str]] = {
    "general": ("一般护理记录", "General nursing record"),
    "critical": ("危重患者护理记录", "Critically ill patient nursing record"),
    "both": ("护理记录", "Nursing record"),
    "time": ("日期 时间", "Date time"), "t": ("体温\n°C", "T\n°C"), "p": ("脉搏\n次/分", "P\n/min"),
    "r": ("呼吸\n次/分", "R\n/min"), "bp": ("血压\nmmHg", "BP\nmmHg"), "spo2": ("SpO2\n%", "SpO2\n%"),
    "avpu": ("意识", "ACVPU"), "pupils": ("瞳孔", "Pupils"),
    "intake": ("入量\n名称 mL", "Intake\nkind mL"), "output": ("出量\n名称 mL", "Output\nkind mL"),
    "course": ("病情观察、护理措施及效果", "Observation, measures and effect"),
    "sign": ("签名", "Signed"), "obs": ("观察：", "Observed: "), "measures": ("措施：", "Measures: "),
    "effect": ("效果：", "Effect: "), "io": ("出入量：", "Intake/output: "),
    "corrects": ("更正 {at} 记录（{why}）", "Corrects the {at} row ({why})"),
    "superseded": ("已更正", "corrected"),
    "day": ("24小时总结", "24-hour total"), "day_shift": ("白班小结", "Day shift total"),
    "evening_shift": ("小夜班小结", "Evening shift total"), "night_shift": ("大夜班小结", "Night shift total"),
    "totals": ("{what} {start}–{end}　入量 {i} mL{ik}　出量 {o} mL{ok}　出入平衡 {b:+g} mL",
               "{what} {start}–{end}  intake {i} mL{ik}  output {o} mL{ok}  balance {b:+g} mL"),
    "none": ("尚无记录", "No rows yet"),
}  # fmt: skip
CRITICAL_WIDTHS = (20, 10, 10, 10, 17, 10, 10, 26, 25, 25, 91, 19)
GENERAL_WIDTHS = (22, 11, 11, 11, 18, 11, 170, 19)


def _w(ctx: PrintContext, key: str, **values: object) -> str:
    zh, en = WORDS[key]
    return (zh if ctx.zh else en).format(**values)


def _num(value: float) -> str:
    return f"{value:g}"


def _volumes(ctx: PrintContext, volumes: dict[str, float]) -> str:
    return "\n".join(f"{KIND_NAMES[k][0 if ctx.zh else 1]} {_num(v)}" for k, v in volumes.items())


def _cell(ctx: PrintContext, text: str, struck: bool) -> Paragraph:
    s = styles(ctx)
    if not struck:
        return para(text, s.cell)
    inner = fonts.markup(printable(text)).replace("\n", "<br/>")
    return Paragraph(f"<strike>{inner}</strike>", s.cell)


def _course(ctx: PrintContext, row: dict[str, Any], by_id: dict[str, Any], critical: bool) -> str:
    parts = []
    if row.get("supersedes_id"):
        old = by_id.get(row["supersedes_id"]) or {}
        parts.append(
            _w(ctx, "corrects", at=ctx.when(old.get("written_at")), why=row["correction_reason"])
        )
    for key, label in (("observation_text", "obs"), ("measures", "measures"), ("effect", "effect")):
        if row.get(key):
            parts.append(_w(ctx, label) + row[key])
    if not critical and (row["intake"] or row["output"]):
        volumes = _volumes(ctx, row["intake"] | row["output"]).replace(
            "\n", "，" if ctx.zh else ", "
        )
        parts.append(_w(ctx, "io") + volumes)
    if row.get("superseded_by"):
        parts.append(f"[{_w(ctx, 'superseded')}]")
    return "\n".join(parts)


def _row_cells(
    ctx: PrintContext, row: dict[str, Any], by_id: dict[str, Any], critical: bool
) -> list[Any]:
    o = row["observations"]
    bp = (
        f"{o['systolic_mmhg']}/{o['diastolic_mmhg']}"
        if "systolic_mmhg" in o and "diastolic_mmhg" in o
        else ""
    )
    temperature = f"{o['temperature_c']:.1f}" if "temperature_c" in o else ""
    texts = [ctx.when(row["written_at"]).replace(" ", "\n"), temperature,
             o.get("pulse_bpm", ""), o.get("resp_rate", ""), bp, o.get("spo2_pct", "")]  # fmt: skip
    if critical:
        texts += [o.get("consciousness", ""), o.get("pupils", ""), _volumes(ctx, row["intake"]),
                  _volumes(ctx, row["output"])]  # fmt: skip
    texts += [_course(ctx, row, by_id, critical), ctx.user(row["written_by"])]
    struck = bool(row.get("superseded_by"))
    return [_cell(ctx, str(text), struck) for text in texts]


def _totals_text(ctx: PrintContext, line: str, totals: Totals) -> str:
    what = _w(ctx, "day" if line == "day" else f"{totals.kind}_shift")
    sep = "，" if ctx.zh else ", "
    ik = _volumes(ctx, totals.intake).replace("\n", sep)
    ok = _volumes(ctx, totals.output).replace("\n", sep)
    return _w(ctx, "totals", what=what, start=ctx.when(totals.start), end=ctx.when(totals.end),
              i=_num(totals.intake_ml), ik=f"（{ik}）" if ik and ctx.zh else f" ({ik})" if ik else "",
              o=_num(totals.output_ml), ok=f"（{ok}）" if ok and ctx.zh else f" ({ok})" if ok else "",
              b=totals.balance_ml)  # fmt: skip


def record_table(ctx: PrintContext, rows: list[dict[str, Any]], *, critical: bool, zone: tzinfo,
                 settings: RecordSettings) -> Flowable:  # fmt: skip
    """The form's table: a header, the rows and the totals lines in time order."""
    keys = ["time", "t", "p", "r", "bp", "spo2"]
    keys += ["avpu", "pupils", "intake", "output"] if critical else []
    table: list[list[Any]] = [
        [para(_w(ctx, k), styles(ctx).cell) for k in [*keys, "course", "sign"]]
    ]
    extra: list[tuple[Any, ...]] = []
    by_id = {r["row_id"]: r for r in rows}
    for kind, item in sheet_lines(rows, zone, settings):
        if kind == "row":
            table.append(_row_cells(ctx, item, by_id, critical))
            continue
        if not critical and not (item.intake or item.output):
            continue  # a general record shows totals only where volumes were written
        line = len(table)
        table.append(
            [para(_totals_text(ctx, kind, item), styles(ctx).cell)] + [""] * (len(keys) + 1)
        )
        extra += [("SPAN", (0, line), (-1, line)), ("BACKGROUND", (0, line), (-1, line), SHADE)]
    widths = [w * mm for w in (CRITICAL_WIDTHS if critical else GENERAL_WIDTHS)]
    return grid_table(table, widths, extra=extra)


def nursing_record_pdf(ctx: PrintContext, patient: dict[str, Any], rows: list[dict[str, Any]],
                       *, settings: RecordSettings) -> bytes:  # fmt: skip
    """The patient's nursing record: one section per form its rows were written on."""
    s = styles(ctx)
    forms = [f for f in ("general", "critical") if any(r["form"] == f for r in rows)]
    story: list[Flowable] = [Spacer(1, 1 * mm)]
    for form in forms:
        if len(forms) > 1:
            story.append(para(_w(ctx, form), s.heading))
        mine = [r for r in rows if r["form"] == form]
        story.append(record_table(ctx, mine, critical=form == "critical", zone=ctx.times.zone,
                                  settings=settings))  # fmt: skip
    if not rows:
        story.append(para(_w(ctx, "none"), s.body))
    title = _w(ctx, forms[0] if len(forms) == 1 else "both")
    return build_pdf(ctx, story, title=title, banner=identifiers(ctx, patient), pagesize=LANDSCAPE)
