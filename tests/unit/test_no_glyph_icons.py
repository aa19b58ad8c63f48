"""No glyph character stands in for an icon on a screen (issue 14): a severity is shown by the
ui.icons icon, its colour and its word. Every string the ui package writes is read (docstrings
and comments aside); printouts keep issue 11's ▲ (workstation/reports, not checked here)."""

from __future__ import annotations

import ast
from pathlib import Path
from xml.etree import ElementTree

UI = Path(__file__).resolve().parents[2] / "ui"
GLYPHS = set("‼⚠✔✖✓✗✎▲▼★●ⓘ")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _glyph_strings(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if not GLYPHS & set(text):  # most files: nothing to parse
        return []
    tree = ast.parse(text)
    skip = _docstrings(tree)
    return [f"{path.relative_to(UI)}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skip and GLYPHS & set(node.value)]  # fmt: skip


def test_no_screen_string_uses_a_glyph_as_an_icon() -> None:
    files = sorted(UI.rglob("*.py"))
    found = [hit for path in files for hit in _glyph_strings(path)]
    assert len(files) > 100 and not found, "\n".join(found)


def test_no_translation_brings_a_glyph_back() -> None:
    ts = UI.parent / "resources" / "i18n" / "workstation_zh_CN.ts"
    found = [
        t.text for t in ElementTree.parse(ts).iter("translation") if GLYPHS & set(t.text or "")
    ]
    assert not found, found
