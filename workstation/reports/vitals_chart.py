"""The temperature chart (体温单): seven ward days per A4 page, six 4-hourly columns a day,
temperature and pulse plotted on the classic grid, then the rows below it.

Respiration is written as numbers in its own row, neighbouring figures staggered up and down, as
《基础护理学》 (体温单的使用) draws it; a hospital that keeps the older curve sets
`respiration_curve` in settings/hospital.json and gets the ○ curve on the right-hand scale too.

The rows follow the 体温单 of 卫生部《病历书写基本规范》(2010) as taught in 《基础护理学》
(体温单的使用): blood pressure as a fraction twice a day, weight in kg, and the previous day's
24-hour intake, output, urine and stool count in each date's column."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import count
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, PageBreak

from workstation.clinical.fluid_balance import DAY_START, DailyBalance, daily_balances, ward_day
from workstation.clock import parse_iso
from workstation.events.vocabulary import INTAKE_CATEGORIES
from workstation.reports.context import PrintContext, live
from workstation.reports.fonts import register_font
from workstation.reports.page import build_pdf, identifiers, para, styles

DAYS_PER_PAGE = 7
SLOTS = (2, 6, 10, 14, 18, 22)  # the column heads: each covers the four hours around it
TEMP_LOW, TEMP_HIGH, STEPS_PER_DEGREE = 35, 42, 5
PULSE_AT_TEMP_LOW, PULSE_PER_DEGREE = (
    20,
    20,
)  # the classic pairing: 35 ℃ ~ 20/min ... 42 ℃ ~ 160/min
RESP_AT_TEMP_LOW, RESP_PER_DEGREE = 10, 5  # respiration on the right-hand scale: 10 ... 45/min
BAND_FROM = 40  # admission and discharge are written between 42 and 40 °C
LEFT, RIGHT, WIDTH = 26 * mm, 9 * mm, 186 * mm
HEAD_ROW, GRID_ROW, FOOT_ROW = 5 * mm, 3.6 * mm, 5.6 * mm
BLUE, RED = colors.HexColor("#1f4fbf"), colors.HexColor("#c62828")
FOOT_ROWS = ("respiration", "blood_pressure", "spo2", "weight_kg", "intake", "output", "urine",
             "stool")  # fmt: skip


@dataclass(frozen=True)
class _Layout:
    days: list[date]

    @property
    def slot_width(self) -> float:
        return (WIDTH - LEFT - RIGHT) / (DAYS_PER_PAGE * len(SLOTS))

    @property
    def grid_height(self) -> float:
        return (TEMP_HIGH - TEMP_LOW) * STEPS_PER_DEGREE * GRID_ROW

    @property
    def height(self) -> float:
        return 3 * HEAD_ROW + self.grid_height + len(FOOT_ROWS) * FOOT_ROW

    def x(self, day_index: int, slot: int) -> float:
        """Centre of a 4-hour column."""
        return LEFT + (day_index * len(SLOTS) + slot + 0.5) * self.slot_width

    def day_centre(self, day_index: int) -> float:
        """Centre of a day's column (for the once-a-day rows)."""
        return LEFT + (day_index + 0.5) * len(SLOTS) * self.slot_width

    def y_temp(self, celsius: float) -> float:
        bottom = len(FOOT_ROWS) * FOOT_ROW
        return bottom + (celsius - TEMP_LOW) * STEPS_PER_DEGREE * GRID_ROW

    def foot_y(self, row: int) -> float:
        """Baseline of a text row below the grid (row 0 is just below it)."""
        return (len(FOOT_ROWS) - row - 1) * FOOT_ROW + 1.8 * mm


def _slot_readings(ctx: PrintContext, vitals: list[dict[str, Any]]) -> dict[tuple[date, int], dict]:
    """The latest reading in each (ward day, 4-hour column)."""
    found: dict[tuple[date, int], dict[str, Any]] = {}
    for row in sorted(vitals, key=lambda v: v["taken_at"]):
        local = ctx.local_date(row["taken_at"]), int(ctx.when(row["taken_at"], clock_only=True)[:2])
        found[(local[0], local[1] // 4)] = row
    return found


def _grid(drawing: Drawing, ctx: PrintContext, layout: _Layout, admitted: date, last: date) -> None:
    font, top = register_font(), layout.height
    bottom, grid_top = len(FOOT_ROWS) * FOOT_ROW, layout.height - 3 * HEAD_ROW
    right = WIDTH - RIGHT
    for n in range((TEMP_HIGH - TEMP_LOW) * STEPS_PER_DEGREE + 1):
        y, degree = bottom + n * GRID_ROW, n % STEPS_PER_DEGREE == 0
        colour = RED if TEMP_LOW + n / STEPS_PER_DEGREE == 37 else colors.black
        drawing.add(Line(LEFT, y, right, y, strokeColor=colour,
                         strokeWidth=1.0 if degree or colour == RED else 0.25))  # fmt: skip
    for column in range(DAYS_PER_PAGE * len(SLOTS) + 1):
        x, day_edge = LEFT + column * layout.slot_width, column % len(SLOTS) == 0
        for y0, y1 in _column_spans(column, layout):
            drawing.add(Line(x, y0, x, y1, strokeColor=RED if day_edge else colors.grey,
                             strokeWidth=1.0 if day_edge else 0.25))  # fmt: skip
    for y in [0, bottom, grid_top, *(top - HEAD_ROW * k for k in range(4))]:
        drawing.add(Line(0, y, WIDTH, y, strokeWidth=0.8))
    for y in (FOOT_ROW * k for k in range(len(FOOT_ROWS))):
        drawing.add(Line(0, y, right, y, strokeWidth=0.4))
    for x in (0, LEFT, right, WIDTH):
        drawing.add(Line(x, 0, x, top, strokeWidth=0.8))
    drawing.add(Line(LEFT / 2, bottom, LEFT / 2, grid_top, strokeWidth=0.4))
    heads = (ctx.t("date"), ctx.t("hospital_day"), ctx.t("hour"))
    for row, label in enumerate(heads):
        drawing.add(
            String(
                1.5 * mm, top - HEAD_ROW * (row + 1) + 1.5 * mm, label, fontName=font, fontSize=7
            )
        )
    for index, day in enumerate(layout.days):
        x0 = LEFT + index * len(SLOTS) * layout.slot_width + 1.5 * mm
        if day <= last:  # the days still to come are left for the next print
            number = (day - admitted).days + 1
            for row, text in enumerate((day.isoformat(), str(number)), start=1):
                drawing.add(String(x0, top - HEAD_ROW * row + 1.5 * mm, text, fontName=font,
                                   fontSize=7))  # fmt: skip
        for slot, hour in enumerate(SLOTS):
            drawing.add(String(layout.x(index, slot), top - 3 * HEAD_ROW + 1.5 * mm, str(hour),
                               fontName=font, fontSize=6, textAnchor="middle",
                               fillColor=RED if hour in (2, 22) else colors.black))  # fmt: skip
    _scales(drawing, ctx, layout)


def _column_spans(column: int, layout: _Layout) -> list[tuple[float, float]]:
    """Where a column line runs: the whole height at a day edge, otherwise the grid and the
    per-column rows (respiration, SpO2), and the half-day line through the blood-pressure row."""
    if column % len(SLOTS) == 0:
        return [(0, layout.height)]
    grid = (len(FOOT_ROWS) * FOOT_ROW, layout.height - HEAD_ROW)
    spans = [grid, *(_foot_span(row) for row in (0, 2))]
    if column % len(SLOTS) == len(SLOTS) // 2:
        spans.append(_foot_span(1))
    return spans


def _foot_span(row: int) -> tuple[float, float]:
    top = (len(FOOT_ROWS) - row) * FOOT_ROW
    return top - FOOT_ROW, top


def _scales(drawing: Drawing, ctx: PrintContext, layout: _Layout) -> None:
    font, grid_top = register_font(), layout.height - 3 * HEAD_ROW
    curve = ctx.hospital.respiration_curve
    titles = ((LEFT * 0.25, "pulse", RED), (LEFT * 0.75, "temperature", BLUE),
              *(((WIDTH - RIGHT / 2, "respiration", colors.black),) if curve else ()))  # fmt: skip
    for x, key, colour in titles:
        drawing.add(String(x, grid_top - 8.5 * mm, ctx.t(key).split()[0], fontName=font,
                           fontSize=6, textAnchor="middle", fillColor=colour))  # fmt: skip
    for degree in range(TEMP_LOW, TEMP_HIGH + 1):
        y = layout.y_temp(degree) + (0.6 * mm if degree < TEMP_HIGH else -2.8 * mm)
        pulse = PULSE_AT_TEMP_LOW + (degree - TEMP_LOW) * PULSE_PER_DEGREE
        resp = RESP_AT_TEMP_LOW + (degree - TEMP_LOW) * RESP_PER_DEGREE
        drawing.add(String(LEFT * 0.25, y, str(pulse), fontName=font, fontSize=7,
                           textAnchor="middle", fillColor=RED))  # fmt: skip
        drawing.add(String(LEFT * 0.75, y, f"{degree}°", fontName=font, fontSize=7,
                           textAnchor="middle", fillColor=BLUE))  # fmt: skip
        if curve:
            drawing.add(String(WIDTH - RIGHT / 2, y, str(resp), fontName=font, fontSize=7,
                               textAnchor="middle"))  # fmt: skip


def _band(drawing: Drawing, ctx: PrintContext, layout: _Layout, patient: dict[str, Any]) -> None:
    """Admission and discharge written down the 42-40 °C band in their 4-hour column, as
    《基础护理学》 (体温单的使用) has them: "入院—八时二十分", the time in characters. English
    reads upwards. Red, as most hospitals' rules have it, apart from the blue temperature."""
    font, top = register_font(), layout.y_temp(TEMP_HIGH)
    moments = (("band_admitted", patient.get("admitted_at")),
               ("band_discharged", patient.get("discharged_at")))  # fmt: skip
    for key, moment in moments:
        if not moment or (day := ctx.local_date(moment)) not in layout.days:
            continue
        clock = ctx.when(moment, clock_only=True)
        x = layout.x(layout.days.index(day), int(clock[:2]) // 4)
        if not ctx.zh:
            text = f"{ctx.t(key)} {clock}"
            width = pdfmetrics.stringWidth(text, font, 6)
            drawing.add(Group(String(0, 0, text, fontName=font, fontSize=6, fillColor=RED),
                              transform=(0, 1, -1, 0, x + 1.0 * mm, top - 1 * mm - width)))  # fmt: skip
            continue
        words = [*ctx.t(key), "—", *_chinese_clock(int(clock[:2]), int(clock[3:]))]
        step = min(GRID_ROW, (top - layout.y_temp(BAND_FROM)) / len(words))
        for n, word in enumerate(words):
            y = top - (n + 1) * step
            if word == "—":  # a short vertical stroke (the horizontal dash would lie across)
                drawing.add(Line(x, y, x, y + step * 0.8, strokeColor=RED, strokeWidth=0.7))
            else:
                drawing.add(String(x, y + 0.8 * mm, word, fontName=font, fontSize=6.5,
                                   textAnchor="middle", fillColor=RED))  # fmt: skip


def _chinese_clock(hour: int, minute: int) -> str:
    """八时二十分, 十四时, 零时五分."""
    return f"{_chinese_number(hour)}时" + (f"{_chinese_number(minute)}分" if minute else "")


def _chinese_number(n: int) -> str:
    """0 to 59 in characters: 零, 九, 十, 十三, 二十, 五十九."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    if not tens:
        return digits[ones]
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def _plot(drawing: Drawing, layout: _Layout, points: list[tuple[float, float]], colour: Any,
          marker: Callable[[float, float], list[Any]]) -> None:  # fmt: skip
    if len(points) > 1:
        flat = [value for point in points for value in point]
        drawing.add(PolyLine(flat, strokeColor=colour, strokeWidth=0.8))
    for x, y in points:
        for shape in marker(x, y):
            drawing.add(shape)


def _cross(x: float, y: float) -> list[Any]:
    r = 1.1 * mm
    return [Line(x - r, y - r, x + r, y + r, strokeColor=BLUE, strokeWidth=1),
            Line(x - r, y + r, x + r, y - r, strokeColor=BLUE, strokeWidth=1)]  # fmt: skip


def _dot(x: float, y: float) -> list[Any]:
    return [Circle(x, y, 0.9 * mm, fillColor=RED, strokeColor=RED)]


def _ring(x: float, y: float) -> list[Any]:
    return [
        Circle(x, y, 0.9 * mm, fillColor=colors.white, strokeColor=colors.black, strokeWidth=0.7)
    ]


def _curves(drawing: Drawing, layout: _Layout, readings: dict[tuple[date, int], dict],
            *, respiration: bool) -> None:  # fmt: skip
    temp, pulse, resp = [], [], []
    for index, day in enumerate(layout.days):
        for slot in range(len(SLOTS)):
            row = readings.get((day, slot))
            if row is None:
                continue
            x = layout.x(index, slot)
            if row.get("temperature_c") is not None:
                temp.append((x, layout.y_temp(min(max(row["temperature_c"], TEMP_LOW), TEMP_HIGH))))
            if row.get("pulse_bpm") is not None:
                degrees = (row["pulse_bpm"] - PULSE_AT_TEMP_LOW) / PULSE_PER_DEGREE + TEMP_LOW
                pulse.append((x, layout.y_temp(min(max(degrees, TEMP_LOW), TEMP_HIGH))))
            if row.get("resp_rate") is not None:
                degrees = (row["resp_rate"] - RESP_AT_TEMP_LOW) / RESP_PER_DEGREE + TEMP_LOW
                resp.append((x, layout.y_temp(min(max(degrees, TEMP_LOW), TEMP_HIGH))))
    if respiration:  # the hospital's choice; the row below the grid has the figures anyway
        _plot(drawing, layout, resp, colors.black, _ring)
    _plot(drawing, layout, pulse, RED, _dot)
    _plot(drawing, layout, temp, BLUE, _cross)


def _fluid_columns(
    ctx: PrintContext, entries: list[dict[str, Any]], last: date
) -> dict[date, dict[str, str]]:
    """Row key -> figure, per date column, from the intake and output entries: each column shows
    the previous ward day (07:00 to 07:00, clinical.fluid_balance), as 《基础护理学》 has the
    previous day's 24-hour intake, output, urine and stool count written in each day's column.
    A ward day still running at the time of printing is left out (its total is not a 24-hour
    one), and so is a figure with no entry of its kind: a blank is "not charted", never 0 mL."""
    charted: list[Mapping[str, Any]] = list(live(entries))
    stools = Counter(ward_day(parse_iso(e["measured_at"]), ctx.times) for e in charted
                     if e["category"] == "stool")  # fmt: skip
    columns: dict[date, dict[str, str]] = {}
    for balance in daily_balances(charted, times=ctx.times):
        column = balance.day + timedelta(days=1)
        ended = datetime.combine(column, DAY_START, tzinfo=ctx.times.zone)
        if column <= last and ended <= ctx.printed_at:
            columns[column] = _fluid_figures(balance, stools[balance.day])
    return columns


def _fluid_figures(balance: DailyBalance, stools: int) -> dict[str, str]:
    """A stool is an output entry, so a day with outputs charted and no stool entry has had
    none, written "0" as the textbook asks ("如无便记0"). Enemas ("1/E") and incontinence ("※")
    are not recorded by an intake/output entry, so they are not printed."""
    kinds = balance.by_category.keys()
    figures = {}
    if kinds & INTAKE_CATEGORIES:
        figures["intake"] = f"{balance.intake_ml:.0f}"
    if kinds - INTAKE_CATEGORIES:
        figures["output"], figures["stool"] = f"{balance.output_ml:.0f}", str(stools)
    if "urine" in kinds:
        figures["urine"] = f"{balance.by_category['urine']:.0f}"
    return figures


def _stagger(turn: int) -> float:
    """Neighbouring respiration figures alternate high and low in their row (上下交错)."""
    return 1.2 * mm if turn % 2 == 0 else -1.0 * mm


def _foot(drawing: Drawing, ctx: PrintContext, layout: _Layout, readings: dict,
          fluids: dict[date, dict[str, str]], *, weight: float | None, admitted: date) -> None:  # fmt: skip
    font, turns = register_font(), count()
    for row, key in enumerate(FOOT_ROWS):
        drawing.add(String(1.5 * mm, layout.foot_y(row), ctx.t(key), fontName=font, fontSize=6.5))
    for index, day in enumerate(layout.days):
        day_rows = [readings[(day, s)] for s in range(len(SLOTS)) if (day, s) in readings]
        for slot in range(len(SLOTS)):
            row = readings.get((day, slot), {})
            for line, key in ((0, "resp_rate"), (2, "spo2_pct")):
                if row.get(key) is not None:
                    y = layout.foot_y(line) + (_stagger(next(turns)) if line == 0 else 0)
                    drawing.add(String(layout.x(index, slot), y, str(row[key]),
                                       fontName=font, fontSize=5.5, textAnchor="middle"))  # fmt: skip
        halves = [[r for r in day_rows if (int(ctx.when(r["taken_at"], clock_only=True)[:2]) < 12) == am
                   and r.get("systolic_mmhg") is not None] for am in (True, False)]  # fmt: skip
        for half, rows in enumerate(halves):
            if rows:
                text = f"{rows[0]['systolic_mmhg']}/{rows[0]['diastolic_mmhg']}"
                drawing.add(String(layout.x(index, 1 + 3 * half), layout.foot_y(1), text,
                                   fontName=font, fontSize=6.5, textAnchor="middle"))  # fmt: skip
        weights = [r["weight_kg"] for r in day_rows if r.get("weight_kg") is not None]
        day_weight = weights[-1] if weights else (weight if day == admitted else None)
        once = {"weight_kg": f"{day_weight:g}"} if day_weight is not None else {}
        for key, text in (once | fluids.get(day, {})).items():
            drawing.add(String(layout.day_centre(index), layout.foot_y(FOOT_ROWS.index(key)), text,
                               fontName=font, fontSize=6.5, textAnchor="middle"))  # fmt: skip


def vitals_chart(ctx: PrintContext, chart: dict[str, Any]) -> bytes:
    """体温单: every ward day from admission to today, seven to a page."""
    patient, s = chart["patient"], styles(ctx)
    vitals = live(chart["vitals"])
    admitted = ctx.local_date(patient["admitted_at"])
    last = ctx.local_date(patient.get("discharged_at") or ctx.printed_at)
    if vitals:
        last = max(last, max(ctx.local_date(v["taken_at"]) for v in vitals))
    readings = _slot_readings(ctx, vitals)
    fluids = _fluid_columns(ctx, chart.get("intake_output", []), last)
    story: list[Flowable] = []
    first = admitted
    while first <= last:
        layout = _Layout([first + timedelta(days=n) for n in range(DAYS_PER_PAGE)])
        drawing = Drawing(WIDTH, layout.height)
        drawing.initialFontName = register_font()  # else the renderer declares Helvetica
        _grid(drawing, ctx, layout, admitted, last)
        _curves(drawing, layout, readings, respiration=ctx.hospital.respiration_curve)
        _band(drawing, ctx, layout, patient)
        _foot(drawing, ctx, layout, readings, fluids, weight=patient.get("weight_kg"),
              admitted=admitted)  # fmt: skip
        if story:
            story.append(PageBreak())
        story += [
            drawing,
            para(
                ctx.t("chart_legend" if ctx.hospital.respiration_curve else "chart_legend_rows"),
                s.small,
            ),  # fmt: skip
            para(ctx.t("fluid_legend", start=f"{DAY_START:%H:%M}"), s.small),
        ]
        first += timedelta(days=DAYS_PER_PAGE)
    return build_pdf(ctx, story, title=ctx.t("vitals_chart"), banner=identifiers(ctx, patient))
