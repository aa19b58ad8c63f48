"""Rare characters of names (𠮷 in Extension B, 䶮 and 㛃 in Extension A) print: the fallback
chain carries them into the PDF, whose text extraction gives them back."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.unit.test_mar import TIMES
from workstation.reports import fonts
from workstation.reports.context import Hospital, PrintContext
from workstation.reports.labels import medication_labels
from workstation.reports.page import build_pdf, para, styles

NAMES = ("王𠮷", "刘䶮", "张㛃")
NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def _ctx() -> PrintContext:
    return PrintContext("zh_CN", "护士甲", NOW, Hospital("第一医院", "First Hospital"), TIMES)


def _pdf_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} (poppler-utils) is needed: installer/dev-setup.sh installs it")
    return path


def _fonts_and_text(pdf: bytes, tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    listed = subprocess.run([_pdf_tool("pdffonts"), str(path)], capture_output=True, text=True,
                            check=True).stdout  # fmt: skip
    text = subprocess.run([_pdf_tool("pdftotext"), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    return listed, text


def test_the_chain_has_a_font_for_every_rare_character() -> None:
    assert fonts.fallback_fonts(), "fonts-hanazono is missing: installer/dev-setup.sh installs it"
    for char in "𠮷䶮㛃":
        assert fonts.font_for(char) != fonts.register_font(), char
    assert fonts.font_for("张") == fonts.register_font()
    assert fonts.runs("王𠮷医生") == [
        (fonts.register_font(), "王"), (fonts.font_for("𠮷"), "𠮷"), (fonts.register_font(), "医生")
    ]  # fmt: skip


def test_a_document_prints_the_rare_characters(tmp_path: Path) -> None:
    ctx = _ctx()
    story = [para(f"患者：{name}", styles(ctx).body) for name in NAMES]
    listed, text = _fonts_and_text(
        build_pdf(ctx, story, title="测试", banner="王𠮷 床 3"), tmp_path
    )
    assert "HanaMin" in listed and "WenQuanYi" in listed
    for name in NAMES:
        assert name in text, name


def test_a_medication_label_prints_the_rare_characters(tmp_path: Path) -> None:
    ctx = _ctx()
    chart = {
        "patient": {"patient_id": "p1", "name": "王𠮷", "ward_id": "W1", "bed": "3",
                    "record_number": "R1", "sex": "male", "birth_date": "1950-01-01"},
        "orders": [{"order_id": "0190b8e2-7c3a-7d1e-9f00-000000000001", "order_kind": "medication",
                    "status": "verified", "drug_code": "aspirin", "drug_name": "aspirin",
                    "dose_value": 100, "dose_unit": "mg", "route": "po", "frequency": "qd",
                    "description": "aspirin 100mg po qd", "voided": False,
                    "placed_at": "2026-03-01T07:00:00Z"}],
    }  # fmt: skip
    listed, text = _fonts_and_text(medication_labels(ctx, chart), tmp_path)
    assert "HanaMin" in listed
    assert "王𠮷" in text
