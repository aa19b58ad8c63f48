"""Progress notes (病程记录) and the discharge summary (出院记录)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from workstation.clinical.lab_names import lab_name
from workstation.reports.context import PrintContext, live
from workstation.reports.discharge_record import draft_sections
from workstation.reports.page import build_pdf, grid_table, identifiers, para, styles


def _note_block(ctx: PrintContext, note: dict[str, Any], addenda: list[dict[str, Any]]) -> list:
    s = styles(ctx)
    kind = ctx.t(note["note_type"]) if note["note_type"] in _NOTE_KEYS else note["note_type"]
    heading = f"{ctx.when(note['signed_at'])}  {kind}"
    if note.get("title") and note["title"] != kind:
        heading += f" — {note['title']}"
    block: list[Flowable] = [para(heading, s.heading), para(note["text"], s.body)]
    for addendum in addenda:
        block.append(para(f"{ctx.t('addendum')} {ctx.when(addendum['recorded_at'])}："
                          f"{addendum['text']} — {ctx.user(addendum['author_id'])}", s.body))  # fmt: skip
    signed = ctx.t("signed_by", by=ctx.user(note["author_id"]), at=ctx.when(note["signed_at"]))
    if note.get("cosigned_by"):
        signed += "    " + ctx.t(
            "cosigned_by", by=ctx.user(note["cosigned_by"]), at=ctx.when(note["cosigned_at"])
        )
    elif note.get("needs_cosign"):
        signed += "    " + ctx.t("awaiting_cosign")
    block.append(para(signed, s.small))
    return [KeepTogether(block[:2]), *block[2:], Spacer(1, 3 * mm)]


_NOTE_KEYS = ("admission_note", "first_progress_note", "daily_progress_note", "ward_round_note",
              "discharge_summary", "nursing_note", "consultation_note")  # fmt: skip


def progress_notes(ctx: PrintContext, chart: dict[str, Any]) -> bytes:
    """病程记录: every signed note, oldest first, with its addenda and signatures."""
    s = styles(ctx)
    notes = sorted(live(chart["notes"]), key=lambda n: n["signed_at"])
    addenda = live(chart["addenda"])
    story: list[Flowable] = []
    for note in notes:
        mine = sorted((a for a in addenda if a["note_id"] == note["note_id"]),
                      key=lambda a: a["recorded_at"])  # fmt: skip
        story += _note_block(ctx, note, mine)
    if not story:
        story.append(para(ctx.t("no_notes"), s.body))
    return build_pdf(ctx, story, title=ctx.t("progress_notes"),
                     banner=identifiers(ctx, chart["patient"]))  # fmt: skip


def latest_results(chart: dict[str, Any]) -> list[dict[str, Any]]:
    """The newest result of each test, in test-name order."""
    newest: dict[str, dict[str, Any]] = {}
    for result in sorted(live(chart["labs"]), key=lambda r: r["resulted_at"]):
        newest[result["test_code"]] = result
    return sorted(newest.values(), key=lambda r: r["resulted_at"])


def results_table(ctx: PrintContext, results: list[dict[str, Any]], width: float) -> Any:
    """A table of lab results: test, value with unit and flag, reference range, time."""
    s = styles(ctx)
    rows: list[list[Any]] = [
        [para(ctx.t(k), s.cell) for k in ("test", "result", "reference", "time")]
    ]
    for r in results:
        low, high = r.get("reference_low"), r.get("reference_high")
        reference = "–".join(f"{v:g}" for v in (low, high) if v is not None)
        reference = (f"≤{high:g}" if low is None and high is not None
                     else f"≥{low:g}" if high is None and low is not None else reference)  # fmt: skip
        value = f"{r['value']} {r.get('unit') or ''} {'↑' if r.get('flag') == 'H' else '↓' if r.get('flag') == 'L' else ''}"
        rows.append([para(lab_name(r, ctx.lang), s.cell), para(value.strip(), s.cell),
                     para(reference, s.cell), para(ctx.when(r["resulted_at"]), s.cell)])  # fmt: skip
    return grid_table(rows, [width * f for f in (0.35, 0.25, 0.18, 0.22)])


def discharge_summary(ctx: PrintContext, chart: dict[str, Any]) -> bytes:
    """出院记录: the signed summary when there is one, else a draft compiled from the chart."""
    s, patient = styles(ctx), chart["patient"]
    width = 186 * mm
    signed = [n for n in live(chart["notes"]) if n["note_type"] == "discharge_summary"]
    story: list[Flowable] = []
    if signed:
        latest = max(signed, key=lambda n: n["signed_at"])
        story += _note_block(ctx, latest, [a for a in live(chart["addenda"])
                                           if a["note_id"] == latest["note_id"]])  # fmt: skip
    else:
        flagged = [r for r in latest_results(chart) if r.get("flag")]
        results = results_table(ctx, flagged, width) if flagged else None
        story += [para(ctx.t("draft"), s.heading), *draft_sections(ctx, chart, results)]
    story += [Spacer(1, 8 * mm), para(ctx.t("doctor_signature"), s.body)]
    return build_pdf(ctx, story, title=ctx.t("discharge_summary"), banner=identifiers(ctx, patient))
