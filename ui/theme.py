"""Look: the theme's generated style sheet and palette (ui/tokens.py), severity colours by name,
and a font that shows Chinese (WenQuanYi Micro Hei)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from ui.stylesheet import stylesheet
from ui.tokens import DEFAULT, SEVERITIES, THEMES, Theme, theme
from workstation.resources import resource

CJK_FONT = "WenQuanYi Micro Hei"
SHIPPED_CJK_FONT = ("fonts", "wqy-microhei.ttc")  # the file the PDFs embed, shipped in the bundle

_current: list[Theme] = [DEFAULT]  # the theme applied last: what severity_colour answers from


def theme_names() -> list[str]:
    """The themes a user can choose, by name."""
    return list(THEMES)


def current_theme() -> Theme:
    """The tokens of the theme applied last (the default theme before any)."""
    return _current[0]


def severity_colour(name: str) -> QColor:
    """The strong colour of a clinical meaning (critical, warning, info, success, high_alert) in
    the current theme: for text, icons, borders. Unknown names get the text colour."""
    colours = current_theme().colours
    return QColor(getattr(colours, name) if name in SEVERITIES else colours.text)


def severity_tint(name: str) -> QColor:
    """The pale tint of a clinical meaning, for a row's background (dark text reads on it)."""
    colours = current_theme().colours
    return QColor(getattr(colours, f"{name}_tint") if name in SEVERITIES else colours.surface)


def ink_on_tint() -> QColor:
    """The text colour on a severity tint, in every theme."""
    return QColor(current_theme().colours.ink_on_tint)


def palette(t: Theme) -> QPalette:
    """The application palette of a theme: what plots, tables and unstyled widgets paint with.
    Link and LinkVisited carry the critical and warning colours; BrightText the high-alert."""
    c = t.colours
    pal = QPalette()
    roles = {QPalette.ColorRole.Window: c.window, QPalette.ColorRole.WindowText: c.text,
             QPalette.ColorRole.Base: c.surface, QPalette.ColorRole.AlternateBase: c.surface_alt,
             QPalette.ColorRole.Text: c.text, QPalette.ColorRole.Button: c.surface,
             QPalette.ColorRole.ButtonText: c.text, QPalette.ColorRole.ToolTipBase: c.surface,
             QPalette.ColorRole.ToolTipText: c.text, QPalette.ColorRole.PlaceholderText: c.text_muted,
             QPalette.ColorRole.Highlight: c.selection, QPalette.ColorRole.HighlightedText: c.on_selection,
             QPalette.ColorRole.Mid: c.border, QPalette.ColorRole.Dark: c.text_muted,
             QPalette.ColorRole.Light: c.surface, QPalette.ColorRole.Midlight: c.surface_alt,
             QPalette.ColorRole.Shadow: c.text, QPalette.ColorRole.Link: c.critical,
             QPalette.ColorRole.LinkVisited: c.warning, QPalette.ColorRole.BrightText: c.high_alert,
             QPalette.ColorRole.Accent: c.primary}  # fmt: skip
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(c.text_muted))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(c.text_muted))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c.text_muted))
    return pal


def apply_theme(app: QApplication, name: str) -> None:
    """Apply a theme's palette and style sheet (the default theme when the name is unknown)."""
    chosen = theme(name)
    _current[0] = chosen
    app.setPalette(palette(chosen))
    app.setStyleSheet(stylesheet(chosen))


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
