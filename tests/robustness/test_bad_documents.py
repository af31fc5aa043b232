"""Bad documents through the real ``hemekg build``: skipped in one line each, the rest built.

One folder holds every awkward case next to a good page; it is built once in-process
(click's ``CliRunner``) and once by the installed ``hemekg`` script in a subprocess (which
also gets a FIFO, since opening one for reading would block the test process forever).
Each case is then checked in both runs.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from hemekg.errors import HemekgWarning
from hemekg.namespaces import HK
from tests.robustness._inputs import (
    CASES,
    FIFO_CASE,
    SCRIPT_MARKER,
    STYLE_MARKER,
    BadDocument,
    Outcome,
    make_bad_corpus,
)
from tests.robustness._support import (
    GOOD_TEXT,
    OTHER_GOOD_TEXT,
    invoke,
    read_statements,
    run_script,
    run_with_peak_rss,
    skipped_lines,
    write_documents,
)

BUILD_TIMEOUT_S = 300


@dataclass(frozen=True)
class BuildRun:
    """What one build of the bad corpus printed and wrote."""

    exit_code: int
    stdout: str
    stderr: str
    out_dir: Path

    def summary(self) -> dict[str, object]:
        summary: dict[str, object] = json.loads(
            (self.out_dir / "summary.json").read_text(encoding="utf-8")
        )
        return summary

    def built_documents(self) -> set[str]:
        """Labels (file names) of the source documents in the built graph."""
        graph = Graph().parse(self.out_dir / "hemekg.nt", format="nt")
        return {
            str(graph.value(node, RDFS.label))
            for node in graph.subjects(RDF.type, HK.SourceDocument)
        }

    def skip_lines_for(self, name: str) -> list[str]:
        return [line for line in skipped_lines(self.stderr) if _names_file(line, name)]


def _names_file(line: str, name: str) -> bool:
    """True when a ``hemekg: skipped PATH: reason`` line is about the file ``name``."""
    path = line.removeprefix("hemekg: skipped ").split(": ", 1)[0]
    return Path(path).name == name


def _arguments(corpus: Path, tmp: Path, *extra: Path) -> list[str]:
    return [
        "build",
        str(corpus),
        *map(str, extra),
        str(tmp / "missing.txt"),
        "-o",
        str(tmp / "out"),
        "--no-reason",
    ]


@pytest.fixture(scope="module")
def cli_runner_run(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    tmp = tmp_path_factory.mktemp("runner")
    corpus = make_bad_corpus(tmp / "docs")
    with warnings.catch_warnings():
        # Tolerated flaws (mojibake, odd encodings) are reported as HemekgWarning; the test
        # configuration turns those into errors, which is not what a user's run does.
        warnings.simplefilter("default", HemekgWarning)
        result = invoke(_arguments(corpus, tmp), cwd=tmp)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"hemekg build crashed: {result.exception!r}") from result.exception
    return BuildRun(result.exit_code, result.stdout, result.stderr, tmp / "out")


@pytest.fixture(scope="module")
def script_run(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    tmp = tmp_path_factory.mktemp("script")
    corpus = make_bad_corpus(tmp / "docs", fifo_folder=tmp / "specials")
    completed = run_script(
        _arguments(corpus, tmp, tmp / "specials"), cwd=tmp, timeout=BUILD_TIMEOUT_S
    )
    return BuildRun(completed.returncode, completed.stdout, completed.stderr, tmp / "out")


RUNS = ("cli-runner", "script")
#: The cases each run gets: the in-process run never sees the FIFO.
RUN_CASES = {"cli-runner": CASES, "script": (*CASES, FIFO_CASE)}


@pytest.fixture(params=RUNS)
def run(request: pytest.FixtureRequest) -> BuildRun:
    return _get_run(request, request.param)


def _get_run(request: pytest.FixtureRequest, name: str) -> BuildRun:
    build_run: BuildRun = request.getfixturevalue(f"{name.replace('-', '_')}_run")
    return build_run


def _run_cases(outcome: Outcome) -> list[object]:
    """(run name, case) pairs for every case with ``outcome`` that the run builds."""
    return [
        pytest.param(name, case, id=f"{name}-{case.name}")
        for name in RUNS
        for case in RUN_CASES[name]
        if case.outcome is outcome
    ]


def test_build_exits_1_when_documents_were_skipped(run: BuildRun) -> None:
    assert run.exit_code == 1, run.stderr


def test_no_traceback_and_every_stderr_line_is_a_one_line_message(run: BuildRun) -> None:
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    for line in run.stderr.splitlines():
        assert not line.startswith((" ", "\t")), f"multi-line message on stderr: {line!r}"


@pytest.mark.parametrize(("run_name", "case"), _run_cases(Outcome.SKIP))
def test_bad_document_is_skipped_in_one_line_naming_file_and_problem(
    request: pytest.FixtureRequest, run_name: str, case: BadDocument
) -> None:
    run = _get_run(request, run_name)
    lines = run.skip_lines_for(case.name)
    assert len(lines) == 1, f"expected one skip line for {case.name}, stderr was:\n{run.stderr}"
    assert case.reason_matches(lines[0]), f"the reason does not name the problem: {lines[0]!r}"


@pytest.mark.parametrize(("run_name", "case"), _run_cases(Outcome.SKIP))
def test_summary_lists_each_skipped_document(
    request: pytest.FixtureRequest, run_name: str, case: BadDocument
) -> None:
    run = _get_run(request, run_name)
    skipped = run.summary()["skipped"]
    assert isinstance(skipped, list)
    assert [entry for entry in skipped if Path(entry["path"]).name == case.name], skipped
    assert case.name not in run.built_documents()


def test_terminal_summary_counts_the_skipped_documents(run: BuildRun) -> None:
    skipped = run.summary()["skipped"]
    assert isinstance(skipped, list)
    assert f"{len(skipped)} skipped" in run.stdout
    assert len(skipped_lines(run.stderr)) == len(skipped)


@pytest.mark.parametrize(("run_name", "case"), _run_cases(Outcome.BUILD))
def test_tolerated_document_is_built_with_statements(
    request: pytest.FixtureRequest, run_name: str, case: BadDocument
) -> None:
    run = _get_run(request, run_name)
    assert not run.skip_lines_for(case.name), run.stderr
    assert case.name in run.built_documents()
    documents = {record["document"] for record in read_statements(run.out_dir)}
    assert case.name in documents, f"{case.name} was built but yielded no statement"


@pytest.mark.parametrize(("run_name", "case"), _run_cases(Outcome.EITHER))
def test_awkward_document_is_built_or_skipped_with_a_reason(
    request: pytest.FixtureRequest, run_name: str, case: BadDocument
) -> None:
    run = _get_run(request, run_name)
    lines = run.skip_lines_for(case.name)
    built = case.name in run.built_documents()
    assert built != bool(lines), f"{case.name}: built={built}, skip lines={lines}"
    if lines:
        assert len(lines) == 1
        assert case.reason_matches(lines[0]), lines[0]


def test_folder_behind_a_symlink_loop_is_walked_once(run: BuildRun) -> None:
    assert "page2.txt" in run.built_documents()
    assert len(run.skip_lines_for("up")) <= 1


def test_evidence_never_contains_script_or_style_text(run: BuildRun) -> None:
    evidence = [
        str(r["sentence"]) for r in read_statements(run.out_dir) if r["document"] == "scripted.html"
    ]
    assert evidence, "scripted.html yielded no statement"
    for sentence in evidence:
        assert SCRIPT_MARKER not in sentence and STYLE_MARKER not in sentence, sentence
    turtle = (run.out_dir / "hemekg.ttl").read_text(encoding="utf-8")
    assert SCRIPT_MARKER not in turtle and STYLE_MARKER not in turtle


@pytest.mark.parametrize("name", ["cp1252.txt", "mojibake.txt"])
def test_encoding_flaws_never_reach_the_graph(run: BuildRun, name: str) -> None:
    """Windows-1252 is decoded and mojibake repaired: no 'Ã', 'â€' or U+FFFD in any evidence."""
    evidence = [str(r["sentence"]) for r in read_statements(run.out_dir) if r["document"] == name]
    assert evidence
    for sentence in evidence:
        for broken in ("\u00c3", "\u00e2\u20ac", "\ufffd"):
            assert broken not in sentence, f"{name}: {sentence!r}"
    expected = {
        "cp1252.txt": "bone marrow \u2013 the \u201csoft\u201d",
        "mojibake.txt": "Espa\u00f1ol",
    }
    assert any(expected[name] in sentence for sentence in evidence), evidence


def test_script_run_reports_the_same_skips_as_the_in_process_run(
    cli_runner_run: BuildRun, script_run: BuildRun
) -> None:
    def reasons(run: BuildRun) -> dict[str, str]:
        return {
            Path(line.removeprefix("hemekg: skipped ").split(": ", 1)[0]).name: line.split(": ", 2)[
                -1
            ]
            for line in skipped_lines(run.stderr)
        }

    script_reasons = reasons(script_run)
    script_reasons.pop(FIFO_CASE.name, None)
    assert reasons(cli_runner_run) == script_reasons


def test_all_good_documents_exit_0(tmp_path: Path) -> None:
    paths = write_documents(tmp_path / "docs", {"one.txt": GOOD_TEXT, "two.md": OTHER_GOOD_TEXT})
    result = invoke(["build", *paths, "-o", tmp_path / "out", "--no-reason"], cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert not skipped_lines(result.stderr)
    assert "0 skipped" in result.stdout


def test_only_bad_documents_still_finish_with_exit_1(tmp_path: Path) -> None:
    paths = write_documents(tmp_path / "docs", {"empty.txt": b"", "blank.md": b"\n \n"})
    result = invoke(["build", *paths, "-o", tmp_path / "out", "--no-reason"], cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    assert len(skipped_lines(result.stderr)) == 2
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["documents"] == 0


def test_file_without_read_permission(tmp_path: Path) -> None:
    """Mode 000 blocks everyone but root; root reads it (the FIFO and broken-link cases above
    are the unreadable files that hold for root too)."""
    docs = tmp_path / "docs"
    locked, _ = write_documents(docs, {"locked.txt": GOOD_TEXT, "good.txt": OTHER_GOOD_TEXT})
    locked.chmod(0)
    try:
        result = invoke(["build", docs, "-o", tmp_path / "out", "--no-reason"], cwd=tmp_path)
    finally:
        locked.chmod(0o644)
    lines = [line for line in skipped_lines(result.stderr) if _names_file(line, "locked.txt")]
    if os.geteuid() == 0:
        assert result.exit_code == 0, result.stderr
        assert not lines
    else:
        assert result.exit_code == 1, result.stderr
        assert len(lines) == 1 and re.search(r"permission|denied", lines[0], re.IGNORECASE)
    assert "good.txt" in {record["document"] for record in read_statements(tmp_path / "out")}


def test_file_name_that_is_not_utf8_never_crashes_the_build(tmp_path: Path) -> None:
    """A Latin-1 file name from an old archive: built (id repaired) or skipped, never a crash."""
    docs = tmp_path / "docs"
    write_documents(docs, {"good.txt": OTHER_GOOD_TEXT})
    odd = os.path.join(os.fsencode(docs), b"caf\xe9 leukemia.txt")
    with open(odd, "w", encoding="utf-8") as handle:
        handle.write(GOOD_TEXT)
    result = invoke(["build", docs, "-o", tmp_path / "out", "--no-reason"], cwd=tmp_path)
    assert "internal error" not in result.stderr, result.stderr
    assert result.exit_code in (0, 1), result.stderr
    assert "good.txt" in {record["document"] for record in read_statements(tmp_path / "out")}
    for name in ("hemekg.ttl", "statements.jsonl"):
        (tmp_path / "out" / name).read_text(encoding="utf-8")  # valid UTF-8 throughout


def test_document_over_the_size_limit_is_skipped_without_reading_it(tmp_path: Path) -> None:
    """A sparse 70 MB file costs no disk; a reader that read it whole would still pay 70 MB."""
    docs = tmp_path / "docs"
    good = write_documents(docs, {"good.txt": GOOD_TEXT})[0]
    over = docs / "dump.txt"
    with over.open("wb") as handle:
        handle.truncate(70_000_000)
    result = invoke(["build", over, good, "-o", tmp_path / "out", "--no-reason"], cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    lines = [line for line in skipped_lines(result.stderr) if _names_file(line, "dump.txt")]
    assert len(lines) == 1
    assert re.search(r"larger than|limit|too large|size", lines[0]), lines[0]
    assert "good.txt" in {record["document"] for record in read_statements(tmp_path / "out")}


BIG_FILE_BYTES = 50 * 1024 * 1024
#: Peak memory a 50 MiB document may add to the build of a one-line page, per byte of the
#: file: the raw bytes, the decoded text, the sentences and the extraction's working set,
#: with some slack (measured: about 6). Per-character offset maps or several copies of the
#: text at once go far beyond it (an earlier reader needed 16).
EXTRA_RSS_PER_BYTE = 8


@pytest.mark.slow
def test_50_mb_document_is_handled_in_bounded_memory(tmp_path: Path) -> None:
    """One 50 MiB page (a single long paragraph) next to a good one, in a real subprocess."""
    docs = tmp_path / "docs"
    good = write_documents(docs, {"good.txt": GOOD_TEXT})[0]
    _, baseline = run_with_peak_rss(
        ["build", good, "-o", tmp_path / "small", "--no-reason"],
        cwd=tmp_path,
        timeout=BUILD_TIMEOUT_S,
    )
    big = docs / "huge.txt"
    line = b"Patients and families often ask many questions about this topic during visits.\n"
    with big.open("wb") as handle:
        handle.write(GOOD_TEXT.encode("ascii"))
        for _ in range(BIG_FILE_BYTES // len(line) + 1):
            handle.write(line)
    completed, peak = run_with_peak_rss(
        ["build", big, good, "-o", tmp_path / "out", "--no-reason"],
        cwd=tmp_path,
        timeout=BUILD_TIMEOUT_S,
    )
    assert completed.returncode in (0, 1), completed.stderr
    assert "Traceback" not in completed.stderr
    limit = baseline + EXTRA_RSS_PER_BYTE * BIG_FILE_BYTES
    assert peak < limit, (
        f"peak RSS {peak / 2**20:.0f} MiB for a 50 MiB document "
        f"(limit {limit / 2**20:.0f} MiB = build of a one-line page {baseline / 2**20:.0f} MiB "
        f"+ {EXTRA_RSS_PER_BYTE} x the file)"
    )
    documents = {record["document"] for record in read_statements(tmp_path / "out")}
    assert "good.txt" in documents
    lines = [line for line in skipped_lines(completed.stderr) if "huge.txt" in line]
    if completed.returncode == 1:
        assert len(lines) == 1 and any(
            w in lines[0].lower() for w in ("large", "size", "mb", "bytes")
        )
    else:
        assert not lines and "huge.txt" in documents
