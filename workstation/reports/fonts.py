"""The embedded CJK font: WenQuanYi Micro Hei (TrueType outlines, so reportlab can embed a subset)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workstation.resources import resource

FONT = "WenQuanYiMicroHei"
FONT_FILE = resource("fonts", "wqy-microhei.ttc")
SYSTEM_FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


class FontMissing(RuntimeError):
    """The shipped CJK font file is not where it should be."""


def register_font() -> str:
    """Register the CJK font once (normal, bold and italic map to the one face); return its name."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    path = FONT_FILE if FONT_FILE.is_file() else SYSTEM_FONT_FILE
    if not path.is_file():
        raise FontMissing(f"CJK font not found: {FONT_FILE}")
    pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT, bold, italic, FONT)
    return FONT
