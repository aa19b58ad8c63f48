"""Imports point one way: ui -> offline_cache -> workstation. The core never imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package -> module prefixes it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "workstation": ("PySide6", "shiboken6", "ui", "offline_cache"),
    "offline_cache": ("PySide6", "shiboken6", "ui"),
}


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """Every module a source file imports, as (line, absolute dotted name); relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            found += [
                (node.lineno, f"{module}.{alias.name}") for alias in node.names if not node.module
            ]
    return found


def violations(package: str, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    """Each import under package that names a forbidden module, as 'file:line imports name'."""
    found = []
    for path in sorted((root / package).rglob("*.py")):
        for line, module in sorted(imported_modules(path, root)):
            if any(module == bad or module.startswith(bad + ".") for bad in forbidden):
                found.append(f"{path.relative_to(root)}:{line} imports {module}")
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_never_imports_the_layers_above_it(package: str) -> None:
    assert (ROOT / package / "__init__.py").is_file()
    assert violations(package, FORBIDDEN[package]) == []


def test_the_import_walker_sees_every_kind_of_import(tmp_path: Path) -> None:
    core = tmp_path / "workstation" / "sub"
    core.mkdir(parents=True)
    (tmp_path / "workstation" / "__init__.py").write_text("")
    (core / "__init__.py").write_text(
        "from .. import ui  # workstation.ui, allowed\nimport shiboken6\n"
    )
    (core / "bad.py").write_text(
        "import os\n"
        "def late():\n"
        "    from PySide6.QtCore import Qt\n"
        "    import offline_cache.store\n"
        "from ...ui import shell\n"
        "from workstation.domain import enums\n"
    )
    found = violations("workstation", FORBIDDEN["workstation"], root=tmp_path)
    assert found == [
        "workstation/sub/__init__.py:2 imports shiboken6",
        "workstation/sub/bad.py:3 imports PySide6.QtCore",
        "workstation/sub/bad.py:4 imports offline_cache.store",
        "workstation/sub/bad.py:5 imports ui",
    ]
