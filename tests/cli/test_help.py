"""The CLI documents its exit codes (``--help`` and README) and keeps user errors to one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hemekg.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def _help(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def _documented_codes(text: str) -> set[int]:
    """Exit codes a help text explains: ``0  success`` lines or ``0 built ...;`` phrases."""
    section = text[text.lower().index("exit code") :]
    return {int(code) for code in re.findall(r"(?:^|[\s;:])([0-2])(?=\s+\w)", section)}


@pytest.mark.parametrize("command", [(), ("build",)], ids=["hemekg", "hemekg build"])
def test_help_documents_exit_codes(command: tuple[str, ...]) -> None:
    text = _help(*command)
    assert "exit code" in text.lower()
    assert _documented_codes(text) == {0, 1, 2}


def test_readme_has_an_exit_code_table_with_0_1_2() -> None:
    text = README.read_text(encoding="utf-8")
    heading = re.search(r"^#+\s*Exit codes\s*$", text, flags=re.MULTILINE | re.IGNORECASE)
    assert heading is not None, "README has no 'Exit codes' section"
    section = text[heading.end() :]
    next_heading = re.search(r"^#", section, flags=re.MULTILINE)
    section = section[: next_heading.start()] if next_heading else section
    rows = re.findall(r"^\|\s*`?([0-9]+)`?\s*\|\s*(\S[^|]*)\|", section, flags=re.MULTILINE)
    codes = {int(code): meaning.strip() for code, meaning in rows}
    assert set(codes) == {0, 1, 2}
    assert all(codes.values()), "every exit code needs a meaning"


def test_unknown_command_is_a_usage_error_without_traceback() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_bad_option_value_exits_2_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--workers", "0", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "--workers" in result.output
    assert not (tmp_path / "out").exists()


def _write_blocked_build(tmp_path: Path, *verbose: str) -> tuple[int, str]:
    """A build whose output folder cannot be created (a regular file stands in its way)."""
    document = tmp_path / "page.txt"
    document.write_text("Leukemia is a type of blood cancer that begins in the bone marrow.\n")
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder\n")
    result = CliRunner().invoke(
        cli, [*verbose, "build", str(document), "-o", str(blocker / "out"), "--no-reason"]
    )
    return result.exit_code, result.stderr


def test_user_error_is_one_line_naming_the_file_without_traceback(tmp_path: Path) -> None:
    code, stderr = _write_blocked_build(tmp_path)
    assert code == 2
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("hemekg: error:")]
    assert len(errors) == 1, stderr
    assert "blocker" in errors[0]


def test_verbose_flag_adds_the_traceback(tmp_path: Path) -> None:
    code, stderr = _write_blocked_build(tmp_path, "-v")
    assert code == 2
    assert "Traceback" in stderr
