"""Look: a .qss theme from resources/themes and a font that shows Chinese (WenQuanYi Micro Hei)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workstation.resources import resource

CJK_FONT = "WenQuanYi Micro Hei"
SHIPPED_CJK_FONT = ("fonts", "wqy-microhei.ttc")  # the file the PDFs embed, shipped in the bundle


def theme_names() -> list[str]:
    """Themes shipped in resources/themes, by file name without .qss."""
    return sorted(path.stem for path in resource("themes").glob("*.qss"))


def apply_theme(app: QApplication, name: str) -> None:
    """Load a theme's style sheet (the default theme when the name is unknown)."""
    path = resource("themes", f"{name}.qss")
    if not path.exists():
        path = resource("themes", "default.qss")
    app.setStyleSheet(path.read_text(encoding="utf-8"))


def apply_font(app: QApplication, language: str) -> None:
    """Use WenQuanYi Micro Hei (installed, else the shipped file): first for Chinese, as
    fallback otherwise."""
    if CJK_FONT not in QFontDatabase.families():
        QFontDatabase.addApplicationFont(str(resource(*SHIPPED_CJK_FONT)))
    if CJK_FONT not in QFontDatabase.families():
        return
    font = QFont(app.font())
    families = [family for family in font.families() if family != CJK_FONT] or [font.family()]
    font.setFamilies([CJK_FONT, *families] if language.startswith("zh") else [*families, CJK_FONT])
    app.setFont(font)
