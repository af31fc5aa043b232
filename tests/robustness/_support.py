"""Helpers shared by the robustness tests: run the real CLI, make bad inputs, hash outputs.

The tests drive ``hemekg`` the way users do: in-process through click's ``CliRunner`` (fast,
exact exit codes) and as the installed console script in a subprocess (real stdio, real
signals, real memory). Every subprocess runs in its own temporary working directory so a
``./curation`` folder of the repository never leaks into a build.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

from click.testing import CliRunner, Result

from hemekg.cli import cli

__all__ = [
    "GOOD_TEXT",
    "OTHER_GOOD_TEXT",
    "RUSAGE_PROBE",
    "check_output_complete",
    "hemekg_script",
    "invoke",
    "make_large_corpus",
    "output_hashes",
    "read_statements",
    "run_script",
    "run_with_peak_rss",
    "script_env",
    "skipped_lines",
    "write_documents",
]

#: A small hand-written page (not from the corpus) that the extractors turn into statements.
GOOD_TEXT = (
    "Leukemia\n\n"
    "Leukemia is a type of blood cancer that begins in the bone marrow.\n"
    "Acute myeloid leukemia is a type of leukemia.\n"
    "Symptoms of leukemia include fatigue, fever and easy bruising.\n"
    "Leukemia is diagnosed with a bone marrow biopsy and a complete blood count.\n"
    "Leukemia is treated with chemotherapy.\n"
)

#: A second hand-written page, for builds over several documents.
OTHER_GOOD_TEXT = (
    "Anemia\n\n"
    "Chronic lymphocytic leukemia is a type of leukemia.\n"
    "Chronic lymphocytic leukemia begins in the bone marrow.\n"
    "Symptoms of anemia include fatigue and pale skin.\n"
    "Lymphoma is treated with radiation therapy.\n"
)

#: Runs argv[1:] as a child and prints the child's peak RSS (KiB on Linux) as the last line.
RUSAGE_PROBE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def hemekg_script() -> Path:
    """The installed ``hemekg`` console script of the running interpreter."""
    beside = Path(sys.executable).parent / "hemekg"
    if beside.is_file():
        return beside
    found = shutil.which("hemekg")
    if found is None:
        raise RuntimeError("the hemekg console script is not installed (pip install -e .)")
    return Path(found)


def script_env(hash_seed: int | None = None) -> dict[str, str]:
    """The environment for a subprocess: this one, with an optional fixed ``PYTHONHASHSEED``."""
    env = dict(os.environ)
    env.pop("PYTHONHASHSEED", None)
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = str(hash_seed)
    return env


def run_script(
    args: Sequence[str | os.PathLike[str]],
    *,
    cwd: Path,
    hash_seed: int | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``hemekg`` script with ``args`` in ``cwd``; text output captured."""
    return subprocess.run(
        [str(hemekg_script()), *map(str, args)],
        cwd=cwd,
        env=script_env(hash_seed),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_with_peak_rss(
    args: Sequence[str | os.PathLike[str]], *, cwd: Path, timeout: float = 300
) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run ``hemekg args`` under a fresh probe process and return it with its peak RSS in bytes.

    ``getrusage(RUSAGE_CHILDREN)`` reports the largest child ever waited for, so it is read
    in a probe whose only child is the build: earlier children of the test process (a Java
    reasoner, other builds) cannot inflate the figure.
    """
    completed = subprocess.run(
        [sys.executable, "-c", RUSAGE_PROBE, str(hemekg_script()), *map(str, args)],
        cwd=cwd,
        env=script_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = completed.stdout.rstrip("\n").splitlines()
    peak_kib = int(lines[-1])
    stripped = subprocess.CompletedProcess(
        completed.args, completed.returncode, "\n".join(lines[:-1]) + "\n", completed.stderr
    )
    return stripped, peak_kib * 1024


def invoke(args: Sequence[str | os.PathLike[str]], *, cwd: Path) -> Result:
    """Run ``hemekg args`` in-process (click's ``CliRunner``) with ``cwd`` as working folder."""
    runner = CliRunner()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=True)
    finally:
        os.chdir(previous)


def skipped_lines(stderr: str) -> list[str]:
    """The ``hemekg: skipped PATH: REASON`` lines of a build's stderr."""
    return [line for line in stderr.splitlines() if line.startswith("hemekg: skipped ")]


def read_statements(out_dir: Path) -> list[dict[str, object]]:
    """The records of ``statements.jsonl`` in a build folder."""
    path = out_dir / "statements.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def output_hashes(out_dir: Path) -> dict[str, str]:
    """SHA-256 of every regular file under ``out_dir`` (relative POSIX path -> hex digest)."""
    hashes: dict[str, str] = {}
    for path in sorted(out_dir.rglob("*")):
        if path.is_file() and not path.is_symlink():
            hashes[path.relative_to(out_dir).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return hashes


def write_documents(folder: Path, documents: Mapping[str, str | bytes]) -> list[Path]:
    """Write ``name -> text or bytes`` into ``folder`` and return the paths in that order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in documents.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def check_output_complete(path: Path) -> None:
    """Raise ``AssertionError`` unless ``path`` is a complete, parsable output of its kind.

    A truncated file fails here: RDF, JSON, GraphML and OWL parsers reject a cut-off end,
    JSON lines must each parse, tables must have rows of equal width, HTML must be closed.
    """
    import csv

    suffix = path.suffix
    text = path.read_text(encoding="utf-8")
    try:
        if suffix in {".ttl", ".nt", ".rdf", ".owl", ".jsonld"}:
            from rdflib import Graph

            fmt = {
                ".ttl": "turtle",
                ".nt": "nt",
                ".rdf": "xml",
                ".owl": "xml",
                ".jsonld": "json-ld",
            }[suffix]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's JSON-LD parser
                Graph().parse(data=text, format=fmt)
            if suffix == ".nt":
                assert text == "" or text.endswith("\n"), "N-Triples cut mid-line"
        elif suffix == ".json":
            json.loads(text)
        elif suffix == ".jsonl":
            for line in text.splitlines():
                json.loads(line)
            assert text == "" or text.endswith("\n"), "JSON lines cut mid-line"
        elif suffix in {".csv", ".tsv"}:
            body = io.StringIO(text, newline="")
            lines = (line for line in body if not line.startswith("#"))  # SSSOM's YAML header
            rows = list(csv.reader(lines, delimiter="\t" if suffix == ".tsv" else ","))
            assert rows, "table without a header"
            assert len({len(row) for row in rows}) == 1, "rows of unequal width"
        elif suffix == ".graphml":
            import networkx

            networkx.read_graphml(path)
        elif suffix == ".html":
            assert "</html>" in text.lower(), "HTML not closed"
        elif suffix in {".md", ".txt"}:
            assert text, "empty"
        else:
            raise AssertionError(f"no completeness check for {suffix!r} outputs")
    except AssertionError:
        raise
    except Exception as error:
        raise AssertionError(f"{path.name} is not a complete {suffix} file: {error}") from error


def make_large_corpus(folder: Path, copies: int) -> list[Path]:
    """``copies`` renamed copies of every bundled corpus document in ``folder``.

    Document ids are file names, so each copy is a distinct document with the same text.
    """
    from hemekg.resources import corpus_dir

    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in corpus_dir().iterdir() if p.is_file())
    paths = []
    for copy in range(copies):
        for source in sources:
            target = folder / f"c{copy:03d}_{source.name}"
            target.write_bytes(source.read_bytes())
            paths.append(target)
    return paths
