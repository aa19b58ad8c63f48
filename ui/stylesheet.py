"""The one style sheet, generated from a theme's tokens (ui/tokens.py). Surfaces and ink come from
the palette (ui/theme.py); the sheet adds sizes, borders, the banner and the clinical meanings:
any label or frame with the property `severity` (critical, warning, info, success, high_alert)
takes that meaning's colour, and `alertBox` boxes it (a critical alert: boxed in red)."""

from __future__ import annotations

from ui.tokens import SEVERITIES, Theme


def _severity_rules(t: Theme) -> list[str]:
    c = t.colours
    strong = {"critical": (c.critical, c.on_critical), "warning": (c.warning, c.on_warning),
              "info": (c.info, c.on_primary), "success": (c.success, c.on_primary),
              "high_alert": (c.high_alert, c.on_high_alert)}  # fmt: skip
    tint = {"critical": c.critical_tint, "warning": c.warning_tint, "info": c.info_tint,
            "success": c.success_tint, "high_alert": c.high_alert_tint}  # fmt: skip
    rules = []
    for name in SEVERITIES:
        colour, on_colour = strong[name]
        rules += [
            f'QLabel[severity="{name}"] {{ color: {colour}; font-weight: bold; }}',
            f'QFrame[alertBox="{name}"] {{ background: {tint[name]}; color: {c.ink_on_tint}; '
            f"border: {t.border_width + 1}px solid {colour}; border-radius: {t.radii.s}px; "
            f"padding: {t.spacing.s}px; }}",
            f'QFrame[alertBox="{name}"] QLabel {{ color: {c.ink_on_tint}; background: transparent; '
            "border: none; }",
            f'QLabel[badge="{name}"] {{ background: {colour}; color: {on_colour}; '
            f"font-weight: bold; padding: {t.spacing.xs}px {t.spacing.s}px; "
            f"border-radius: {t.radii.s}px; }}",
            f'#patientBanner QLabel[badge="{name}"] {{ color: {on_colour}; }}',  # over the band's ink
        ]
    return rules


def _base_rules(t: Theme) -> list[str]:
    c, s, r, b = t.colours, t.spacing, t.radii, t.border_width
    return [
        f"QWidget {{ font-size: {t.type.body}pt; }}",
        f"QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateTimeEdit, QPlainTextEdit, QTextEdit, "
        f"QTextBrowser {{ border: {b}px solid {c.border}; border-radius: {r.s}px; "
        f"padding: {s.xs}px {s.s}px; background: {c.surface}; color: {c.text}; }}",
        f"QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus, QTextEdit:focus, "
        f"QTableView:focus, QListView:focus, QPushButton:focus {{ border: {t.focus_width}px solid "
        f"{c.focus}; }}",
        f"QPushButton {{ border: {b}px solid {c.border}; border-radius: {r.s}px; "
        f"padding: {s.s}px {s.m + s.s}px; background: {c.surface}; color: {c.text}; }}",
        f"QPushButton:hover {{ background: {c.surface_alt}; }}",
        f"QPushButton:default {{ background: {c.primary}; color: {c.on_primary}; "
        f"border-color: {c.primary}; font-weight: bold; }}",
        f"QPushButton:disabled {{ color: {c.text_muted}; }}",
        "QPushButton:flat { border: none; background: transparent; }",
        f"QTableView, QListView, QTreeView {{ border: {b}px solid {c.border}; "
        f"gridline-color: {c.border}; background: {c.surface}; "
        f"alternate-background-color: {c.surface_alt}; selection-background-color: "
        f"{c.selection}; selection-color: {c.on_selection}; }}",
        f"QHeaderView::section {{ background: {c.surface_alt}; color: {c.text}; "
        f"font-weight: bold; padding: {s.xs}px {s.s}px; border: none; "
        f"border-right: 1px solid {c.border}; border-bottom: {b}px solid {c.border}; }}",
        f"QTabBar::tab {{ padding: {s.s}px {s.m}px; color: {c.text_muted}; "
        f"border-bottom: 3px solid transparent; }}",
        f"QTabBar::tab:selected {{ color: {c.primary}; font-weight: bold; "
        f"border-bottom: 3px solid {c.primary}; }}",
        f"QGroupBox {{ font-weight: bold; color: {c.primary}; }}",
        # the status bar is secondary: small print, so it fits 1366 pixels in every theme
        f"QStatusBar, QStatusBar QLabel, QStatusBar QPushButton {{ font-size: {t.type.small}pt; }}",
        f"QStatusBar QLabel {{ padding: 0 {s.s}px; }}",
        f"QToolTip {{ color: {c.text}; background: {c.surface}; border: 1px solid {c.border}; }}",
    ]


def _screen_rules(t: Theme) -> list[str]:
    c, s, r = t.colours, t.spacing, t.radii
    return [
        f"#loginPage {{ background: {c.window}; }}",
        f"#loginCard {{ background: {c.surface}; border: {t.border_width}px solid {c.border}; "
        f"border-radius: {r.m + 2}px; padding: {s.l}px; }}",
        f"#loginTitle {{ font-size: {t.type.title}pt; font-weight: bold; color: {c.primary}; }}",
        f"#loginSubtitle {{ color: {c.text_muted}; }}",
        f'#loginMessage[error="true"] {{ color: {c.critical}; font-weight: bold; }}',
        f"#censusHeading {{ font-size: {t.type.heading}pt; font-weight: bold; color: {c.primary}; "
        f"padding: {s.xs}px; }}",
        f"#patientSearch {{ padding: {s.s}px; }}",
        f"#patientBanner {{ background: {c.banner}; border-radius: {r.m}px; "
        + (f"border: 3px solid {c.warning_tint}; " if t.name == "high-contrast" else "")
        + "}",
        f"#patientBanner QLabel {{ color: {c.on_banner}; }}",
        f"#bannerName {{ font-size: {t.type.banner_name}pt; font-weight: bold; "
        f"padding-right: {s.l - s.s}px; }}",
        f'#bannerAllergies[alert="true"], #bannerAlerts {{ color: {c.banner_alert}; '
        "font-weight: bold; }",
        f'#statusLink[state="online"] {{ color: {c.success}; font-weight: bold; }}',
        f'#statusLink[state="offline"], #statusAttention[state="alert"], #statusClock '
        f"{{ color: {c.critical}; font-weight: bold; }}",
        f"#splash {{ font-size: {t.type.heading + 2}pt; }}",
        f'#vitalsNews2[alert="true"], #vitalsMessage, #ioMessage {{ color: {c.critical}; '
        "font-weight: bold; }",
    ]


def stylesheet(t: Theme) -> str:
    """The whole style sheet of one theme."""
    header = f"/* generated from ui/tokens.py: theme {t.name} */"
    return "\n".join([header, *_base_rules(t), *_screen_rules(t), *_severity_rules(t)]) + "\n"
