"""``hemekg export`` from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from hemekg.api import example_path
from hemekg.cli import cli
from hemekg.export import OUTPUT_FILES
from hemekg.export.browser import find_chromium


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    target = tmp_path / "in.ttl"
    shutil.copy(example_path(), target)
    return target


def test_export_everything(tmp_path: Path, graph_file: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "-g", str(graph_file), "-o", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == sorted(OUTPUT_FILES)
    assert result.stdout.count("wrote ") == len(OUTPUT_FILES)
    assert isomorphic(Graph().parse(tmp_path / "x" / "hemekg.jsonld", format="json-ld"),
                      Graph().parse(graph_file))


def test_export_selected_formats_quietly(tmp_path: Path, graph_file: Path) -> None:
    result = CliRunner().invoke(cli, ["-q", "export", "-g", str(graph_file), "-f", "csv",
                                      "-f", "nt", "-o", str(tmp_path / "x")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["edges.csv", "hemekg.nt",
                                                                 "nodes.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["-g", "missing.ttl"], "missing.ttl: graph file not found"),
     (["-f", "png"], "Invalid value for '-f' / '--format'"),
     (["-f", "csv", "--screenshot", "x.png"], "--screenshot needs the html format")],
)
def test_export_errors(tmp_path: Path, graph_file: Path, args: list[str], message: str) -> None:
    base = ["export", "-o", str(tmp_path / "x")]
    if "-g" not in args:
        base += ["-g", str(graph_file)]
    result = CliRunner().invoke(cli, [*base, *args])
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.slow
def test_export_html_with_screenshot(tmp_path: Path, graph_file: Path) -> None:
    if find_chromium() is None:
        pytest.skip("Chromium not installed (scripts/setup.sh installs it)")
    png = tmp_path / "shot.png"
    result = CliRunner().invoke(cli, ["export", "-g", str(graph_file), "-f", "html",
                                      "-o", str(tmp_path / "x"), "--screenshot", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes().startswith(b"\x89PNG")
