"""Design tokens: the named colours (with their clinical meaning), type scale, spacing and radii of
each theme. The one style sheet (ui/stylesheet.py) and the application palette (ui/theme.py) are
generated from these; no screen writes a colour of its own."""

from __future__ import annotations

from dataclasses import dataclass, replace

# what a colour means on a ward, the words other code asks for it by (ui.theme.severity_colour)
SEVERITIES = ("critical", "warning", "info", "success", "high_alert")


@dataclass(frozen=True)
class Colours:
    """Surfaces, ink and the clinical colours. Each severity has its strong colour (text, border,
    icon, the box of a critical alert), the ink that reads on it, and a pale tint for a row."""

    window: str
    surface: str  # fields, tables, cards
    surface_alt: str  # every other table row, headers
    text: str
    text_muted: str
    border: str
    primary: str  # headings, the banner, the default button
    on_primary: str
    focus: str
    selection: str
    on_selection: str
    critical: str
    on_critical: str
    critical_tint: str
    warning: str
    on_warning: str
    warning_tint: str
    info: str
    info_tint: str
    success: str
    success_tint: str
    high_alert: str
    on_high_alert: str
    high_alert_tint: str
    ink_on_tint: str  # text on any tint: tints stay pale in every theme
    banner: str  # the patient banner's band
    on_banner: str
    banner_alert: str  # allergy and alert words on the band
    # a dashboard's series, in order: Okabe & Ito's colour-blind-safe set ("Color Universal
    # Design", 2008), dark enough on white; the high-contrast theme has its own
    series: tuple[str, ...] = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")


@dataclass(frozen=True)
class TypeScale:
    """Point sizes, from a table cell's note to the patient's name on the banner."""

    small: int
    body: int
    heading: int
    title: int
    banner_name: int


@dataclass(frozen=True)
class Spacing:
    """Paddings and gaps in pixels."""

    xs: int
    s: int
    m: int
    l: int  # noqa: E741 - the size names of the scale


@dataclass(frozen=True)
class Radii:
    """Corner radii in pixels."""

    s: int
    m: int


@dataclass(frozen=True)
class Theme:
    """One theme's tokens; `dark` tells the palette which way its surfaces go."""

    name: str
    colours: Colours
    type: TypeScale
    spacing: Spacing
    radii: Radii
    border_width: int = 1
    focus_width: int = 2
    dark: bool = False


LIGHT = Colours(
    window="#eef1f5", surface="#ffffff", surface_alt="#f5f7fa", text="#1d2733",
    text_muted="#556270", border="#c3ccd6", primary="#1f3a5f", on_primary="#ffffff",
    focus="#1c6fd1", selection="#cfe2fb", on_selection="#102030",
    critical="#b00020", on_critical="#ffffff", critical_tint="#ffd7d7",
    warning="#8a4b00", on_warning="#ffffff", warning_tint="#fff0c2",
    info="#0b5cad", info_tint="#dcebfb", success="#1b6e35", success_tint="#d6f2dd",
    high_alert="#b34700", on_high_alert="#ffffff", high_alert_tint="#ffdcb8",
    ink_on_tint="#1d2733", banner="#1f3a5f", on_banner="#ffffff", banner_alert="#ffe08a",
)  # fmt: skip

DARK = Colours(
    window="#1b2027", surface="#242a33", surface_alt="#2b323c", text="#e6eaf0",
    text_muted="#a3aebb", border="#46505d", primary="#8fb8ea", on_primary="#0f1722",
    focus="#6fb1ff", selection="#2f4f78", on_selection="#ffffff",
    critical="#ff6b7a", on_critical="#1b0005", critical_tint="#ffd7d7",
    warning="#ffc857", on_warning="#1d1400", warning_tint="#fff0c2",
    info="#7cc0ff", info_tint="#dcebfb", success="#6fd08c", success_tint="#d6f2dd",
    high_alert="#ff9f5a", on_high_alert="#1d0c00", high_alert_tint="#ffdcb8",
    ink_on_tint="#1d2733", banner="#16324f", on_banner="#ffffff", banner_alert="#ffd36b",
    series=("#56b4e9", "#e69f00", "#009e73", "#cc79a7", "#f0e442", "#d55e00"),  # light on dark
)  # fmt: skip

# black on white, yellow for what must be seen; meaning never by colour alone (icon and word too)
HIGH_CONTRAST = Colours(
    window="#ffffff", surface="#ffffff", surface_alt="#ffffff", text="#000000",
    text_muted="#000000", border="#000000", primary="#000000", on_primary="#ffffff",
    focus="#0000ff", selection="#000000", on_selection="#ffffff",
    critical="#c00000", on_critical="#ffffff", critical_tint="#ffff00",
    warning="#000000", on_warning="#ffff00", warning_tint="#ffff00",
    info="#0000c0", info_tint="#ffffff", success="#006000", success_tint="#ffffff",
    high_alert="#000000", on_high_alert="#ffff00", high_alert_tint="#ffff00",
    ink_on_tint="#000000", banner="#000000", on_banner="#ffffff", banner_alert="#ffff00",
    series=("#000000", "#0000c0", "#c00000", "#006000"),
)  # fmt: skip

DEFAULT = Theme(
    name="default",
    colours=LIGHT,
    type=TypeScale(small=9, body=10, heading=12, title=18, banner_name=15),
    spacing=Spacing(xs=2, s=4, m=8, l=16),
    radii=Radii(s=3, m=6),
)

THEMES = {
    theme.name: theme
    for theme in (
        DEFAULT,
        replace(DEFAULT, name="dark", colours=DARK, dark=True),
        replace(
            DEFAULT,
            name="high-contrast",
            colours=HIGH_CONTRAST,
            type=TypeScale(small=10, body=11, heading=13, title=20, banner_name=16),
            radii=Radii(s=0, m=0),
            border_width=2,
            focus_width=3,
        ),  # fmt: skip
        # larger print that still fits a 1366x768 screen: tables reflow (ui/screens/census/view.py)
        replace(
            DEFAULT,
            name="large-font",
            type=TypeScale(small=12, body=13, heading=15, title=22, banner_name=18),
            spacing=Spacing(xs=2, s=4, m=8, l=16),
        ),  # fmt: skip
    )
}


def theme(name: str) -> Theme:
    """A theme's tokens by name; the default theme's for a name not shipped."""
    return THEMES.get(name, DEFAULT)
