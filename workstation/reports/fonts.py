"""The embedded CJK fonts: WenQuanYi Micro Hei for the text, and a fallback chain for the
characters it lacks — HanaMin A (CJK Unified Ideographs and Extension A: 䶮, 㛃) and HanaMin B
(Extensions B to F of the supplementary plane: 𠮷) — so that a rare character of a name is never
printed blank (GB 18030-2022 implementation levels 2 and 3). All three are TrueType outlines,
which reportlab can subset and embed (Noto CJK's CFF outlines it cannot)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from workstation.resources import resource

FONT = "WenQuanYiMicroHei"
FONT_FILE = resource("fonts", "wqy-microhei.ttc")
SYSTEM_FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
_HANAZONO = Path("/usr/share/fonts/truetype/hanazono")  # Debian fonts-hanazono
# (name, file name): looked for in resources/fonts (a station bundle) then the system folder
FALLBACKS = (("HanaMinA", "HanaMinA.ttf"), ("HanaMinB", "HanaMinB.ttf"))


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap of a font subset, with a character beyond the basic plane
    (𠮷 U+20BB7) written as its UTF-16 surrogate pair as the PDF reference requires: reportlab
    5 writes `<20BB7>`, and a reader (copy, search, pdftotext) then finds another character."""
    pairs = [
        f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)
    ]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *pairs, "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end",
        "end",
    ])  # fmt: skip


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # type: ignore[assignment]


class FontMissing(RuntimeError):
    """The shipped CJK font file is not where it should be."""


def register_font() -> str:
    """Register the CJK font once (normal, bold and italic map to the one face); return its name."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    path = FONT_FILE if FONT_FILE.is_file() else SYSTEM_FONT_FILE
    if not path.is_file():
        raise FontMissing(f"CJK font not found: {FONT_FILE}")
    _register(FONT, path)
    return FONT


def _register(name: str, path: Path) -> None:
    pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


def fallback_file(file_name: str) -> Path | None:
    """Where a fallback font is: the bundle's resources/fonts first, then the system's."""
    for path in (resource("fonts", file_name), _HANAZONO / file_name):
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def fallback_fonts() -> tuple[str, ...]:
    """The fallback fonts found and registered (loaded on the first character that needs them)."""
    found = []
    for name, file_name in FALLBACKS:
        path = fallback_file(file_name)
        if path is not None:
            if name not in pdfmetrics.getRegisteredFontNames():
                _register(name, path)
            found.append(name)
    return tuple(found)


def _covers(font: str, char: str) -> bool:
    face = pdfmetrics.getFont(font).face  # type: ignore[attr-defined]
    return ord(char) in face.charToGlyph


@lru_cache(maxsize=8192)
def font_for(char: str) -> str:
    """The first font of the chain that has the character (the main font when none has it)."""
    main = register_font()
    if char.isspace() or ord(char) < 0x2E80 or _covers(main, char):
        return main
    return next((f for f in fallback_fonts() if _covers(f, char)), main)


def runs(text: str) -> list[tuple[str, str]]:
    """The text cut into (font, piece) runs, each piece drawn in a font that has its glyphs."""
    found: list[tuple[str, str]] = []
    for char in text:
        font = font_for(char)
        if found and found[-1][0] == font:
            found[-1] = (font, found[-1][1] + char)
        else:
            found.append((font, char))
    return found


def markup(text: str) -> str:
    """Paragraph markup of plain text: escaped, runs the main font lacks in a <font> tag."""
    main = register_font()
    return "".join(
        escape(piece) if font == main else f'<font face="{font}">{escape(piece)}</font>'
        for font, piece in runs(text)
    )


def text_width(text: str, size: float) -> float:
    """The width of text drawn through the chain."""
    return sum(stringWidth(piece, font, size) for font, piece in runs(text))


def draw(canvas: Canvas, x: float, y: float, text: str, size: float, anchor: str = "start") -> None:
    """Draw text at (x, y) through the chain (`anchor` start, middle or end)."""
    if anchor != "start":
        x -= text_width(text, size) / (2 if anchor == "middle" else 1)
    out = canvas.beginText(x, y)
    for font, piece in runs(text):
        out.setFont(font, size)
        out.textOut(piece)
    canvas.drawText(out)
    canvas.setFont(register_font(), size)
