"""The page frame shared by every A4 document: hospital name and logo, title, patient identifiers
on every page, page X of Y, print time and who printed; plus the paragraph and table styles."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table
from reportlab.platypus import TableStyle as PlatypusTableStyle

from workstation.reports import fonts
from workstation.reports.context import PrintContext, age_years
from workstation.reports.fonts import register_font

PORTRAIT = A4
LANDSCAPE = landscape(A4)
HEADER_HEIGHT = 27 * mm
FOOTER_HEIGHT = 12 * mm
SIDE_MARGIN = 12 * mm
GRID = colors.HexColor("#555555")
SHADE = colors.HexColor("#EEEEEE")


@dataclass
class Styles:
    """Paragraph styles in the CJK font (CJK line breaking in Chinese)."""

    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle


def styles(ctx: PrintContext) -> Styles:
    """The styles for a document in ctx's language."""
    font = register_font()
    wrap = "CJK" if ctx.zh else None
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, wordWrap=wrap)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5),
        cell=ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        heading=ParagraphStyle(
            "heading", parent=body, fontSize=11, leading=15, spaceBefore=6, spaceAfter=3
        ),
        title=ParagraphStyle("title", parent=body, fontSize=13, leading=17, alignment=1),
    )


# Characters the embedded font maps to an empty outline, and what prints instead.
_BLANK_GLYPHS = str.maketrans({"\u2103": "°C"})


def printable(value: Any) -> str:
    """Text as the embedded font can draw it (℃ has an empty glyph in WenQuanYi Micro Hei)."""
    return ("" if value is None else str(value)).translate(_BLANK_GLYPHS)


def para(value: Any, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(fonts.markup(printable(value)).replace("\n", "<br/>"), style)


def grid_table(
    rows: Sequence[Sequence[Any]], widths: Sequence[float], *, header_rows: int = 1,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:  # fmt: skip
    """A ruled table whose header rows repeat on every page."""
    table = Table(list(rows), colWidths=list(widths), repeatRows=header_rows)
    table.setStyle(PlatypusTableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("FONTNAME", (0, 0), (-1, -1), register_font()),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ]))  # fmt: skip
    return table


def identifiers(ctx: PrintContext, patient: dict[str, Any]) -> str:
    """The patient identification line: name, sex, age, record number, ward and bed."""
    on: date = ctx.local_date(ctx.printed_at)
    parts = [
        (ctx.t("name"), patient["name"]),
        (ctx.t("sex"), ctx.t(patient["sex"]) if patient["sex"] in ("male", "female") else ""),
        (ctx.t("age"), ctx.t("age_years", years=age_years(patient["birth_date"], on))),
        (ctx.t("record_number"), patient["record_number"]),
        (ctx.t("ward"), ctx.ward_name(patient["ward_id"])),
        (ctx.t("bed"), patient["bed"]),
    ]
    separator = "：" if ctx.zh else ": "
    return "    ".join(f"{label}{separator}{value}" for label, value in parts)


class SetBanner(Flowable):
    """An invisible marker: pages from here on carry this patient identification line."""

    def __init__(self, banner: str | None):
        super().__init__()
        self.banner = banner
        self.width = self.height = 0

    def draw(self) -> None:
        """Record the banner on the document being built."""
        self.canv._doctemplate.banner = self.banner  # type: ignore[attr-defined]


class _NumberedCanvas(Canvas):
    """A canvas that writes 'page X of Y' once the page count is known."""

    def __init__(self, *args: Any, ctx: PrintContext, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._ctx, self._pages = ctx, []  # type: ignore[var-annotated]

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Stamp every page with its number and the total, then write the file."""
        total = len(self._pages)
        for number, page_state in enumerate(self._pages, start=1):
            self.__dict__.update(page_state)
            footer(self, self._ctx, number, total)
            super().showPage()
        super().save()


def footer(canvas: Canvas, ctx: PrintContext, number: int, total: int) -> None:
    """Print time, who printed, and the page number, at the foot of a page."""
    width, _ = canvas._pagesize
    canvas.setFont(register_font(), 7.5)
    canvas.setFillColor(colors.black)
    printed = ctx.t("printed", at=ctx.when(ctx.printed_at), by=ctx.printed_by)
    canvas.drawString(SIDE_MARGIN, 7 * mm, printed)
    canvas.drawRightString(width - SIDE_MARGIN, 7 * mm, ctx.t("page_of", page=number, pages=total))


def header(canvas: Canvas, ctx: PrintContext, title: str, banner: str | None) -> None:
    """Hospital name (and logo), the document title and the patient identification line."""
    font = register_font()
    width, height = canvas._pagesize
    top = height - 10 * mm
    if ctx.hospital.logo is not None:
        canvas.drawImage(str(ctx.hospital.logo), SIDE_MARGIN, top - 9 * mm, width=14 * mm,
                         height=14 * mm, preserveAspectRatio=True, mask="auto")  # fmt: skip
    canvas.setFont(font, 14)
    fonts.draw(canvas, width / 2, top - 2 * mm, ctx.hospital_name, 14, "middle")
    fonts.draw(canvas, width / 2, top - 9 * mm, title, 12, "middle")
    if banner:
        fonts.draw(canvas, SIDE_MARGIN, top - 15.5 * mm, banner, 8.5)
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.8)
    canvas.line(SIDE_MARGIN, top - 17 * mm, width - SIDE_MARGIN, top - 17 * mm)


def build_pdf(
    ctx: PrintContext, story: list[Flowable], *, title: str, banner: str | None = None,
    pagesize: tuple[float, float] = PORTRAIT,
) -> bytes:  # fmt: skip
    """Lay out a story inside the page frame; returns the PDF bytes."""
    register_font()
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=pagesize, title=title, author=ctx.printed_by, creator=ctx.hospital_name,
        leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN, topMargin=HEADER_HEIGHT + 4 * mm,
        bottomMargin=FOOTER_HEIGHT + 2 * mm,
        initialFontName=register_font(),
    )  # fmt: skip
    doc.banner = banner  # type: ignore[attr-defined]
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")

    def on_page_end(canvas: Canvas, document: Any) -> None:
        header(canvas, ctx, title, document.banner)

    doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=on_page_end)])
    doc.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, ctx=ctx, **k))
    return out.getvalue()
