"""The workstation's log file follows the workstation: attached when it opens, let go when it closes."""

from __future__ import annotations

import logging
import shutil

import pytest

from offline_cache import logs
from offline_cache.workstation import Workstation


def file_handlers() -> list[logging.Handler]:
    return [
        h
        for h in logging.getLogger(logs.LOGGER_NAME).handlers
        if isinstance(h, logging.FileHandler)
    ]


def log_lines(data_dir) -> list[str]:
    return (data_dir / "logs" / "workstation.log").read_text(encoding="utf-8").splitlines()


def test_closed_workstations_leave_no_handler_on_their_deleted_folders(tmp_path, capsys):
    before = len(file_handlers())
    for n in range(3):
        folder = tmp_path / f"pc{n}"
        Workstation.open(folder).close()
        shutil.rmtree(folder)
    assert len(file_handlers()) == before
    logs.get("test").info("after the folders are gone")
    assert "FileNotFoundError" not in capsys.readouterr().err  # logging reports emit errors there


def test_two_workstations_on_one_folder_log_each_record_once(tmp_path):
    before = len(file_handlers())
    first = Workstation.open(tmp_path / "pc")
    second = Workstation.open(tmp_path / "pc")
    logs.get("test").info("shared record")
    assert len(file_handlers()) == before + 1
    assert sum("shared record" in line for line in log_lines(tmp_path / "pc")) == 1
    first.close()
    first.close()  # a second close does not take the other workstation's log away
    logs.get("test").info("second still logging")
    assert any("second still logging" in line for line in log_lines(tmp_path / "pc"))
    second.close()
    assert len(file_handlers()) == before


def test_a_relative_folder_is_the_same_log_as_its_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = len(file_handlers())
    relative = Workstation.open("pc")  # type: ignore[arg-type]  # a str, as a command line gives it
    absolute = Workstation.open(tmp_path / "pc")
    assert len(file_handlers()) == before + 1
    for workstation in (relative, absolute):
        workstation.close()
    assert len(file_handlers()) == before


@pytest.fixture(autouse=True)
def no_leftover_handlers():
    """Each test starts and ends with the handlers it found."""
    before = file_handlers()
    yield
    assert file_handlers() == before
