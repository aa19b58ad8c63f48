"""The translatable string literals of the UI, read with `ast` (what pyside6-lupdate would find),
and the translations a .ts file holds, so a test can say which strings have no Chinese yet."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TRANSLATE_CALLS = {"translate", "QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3"}


@dataclass(frozen=True)
class TrString:
    """One literal passed to tr()/translate(), with its context and where it is."""

    context: str
    source: str
    where: str


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _wrappers(tree: ast.Module) -> dict[str, str]:
    """Module functions like `def _tr(text): return translate("OrderRender", text)`."""
    found = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1:
            continue
        param = node.args.args[0].arg
        for call in ast.walk(node):
            if (isinstance(call, ast.Call) and _name(call.func) in TRANSLATE_CALLS
                    and len(call.args) >= 2 and _text(call.args[0])
                    and isinstance(call.args[1], ast.Name) and call.args[1].id == param):  # fmt: skip
                found[node.name] = str(_text(call.args[0]))
    return found


def _literal(call: ast.Call, cls: str | None, wrappers: dict[str, str]) -> tuple[str, str] | None:
    name, args = _name(call.func), call.args
    if name in TRANSLATE_CALLS and len(args) >= 2:
        context, source = _text(args[0]), _text(args[1])
        return (context, source) if context is not None and source is not None else None
    source = _text(args[0]) if args else None
    if source is None:
        return None
    if name == "tr" and isinstance(call.func, ast.Attribute) and cls:
        return cls, source  # self.tr: the class is the context
    if name in wrappers and isinstance(call.func, ast.Name):
        return wrappers[name], source
    return None


def tr_strings(path: Path, root: Path) -> Iterator[TrString]:
    """Every translatable literal of one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrappers = _wrappers(tree)

    def visit(node: ast.AST, cls: str | None) -> Iterator[TrString]:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.ClassDef) else cls
            if isinstance(child, ast.Call) and (found := _literal(child, cls, wrappers)):
                yield TrString(*found, f"{path.relative_to(root)}:{child.lineno}")
            yield from visit(child, inner)

    yield from visit(tree, None)


def ui_tr_strings(root: Path) -> list[TrString]:
    """Every translatable literal under root/ui."""
    return [s for path in sorted((root / "ui").rglob("*.py")) for s in tr_strings(path, root)]


def ts_translations(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> finished translation ('' when empty or marked unfinished/obsolete);
    a plural (numerus) message counts by its first form."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "" if translation is None else (translation.text or "").strip()
            if translation is not None and message.get("numerus") == "yes":
                text = (translation.findtext("numerusform") or "").strip()
            if translation is None or translation.get("type"):
                text = ""
            found[(name, message.findtext("source") or "")] = text
    return found
