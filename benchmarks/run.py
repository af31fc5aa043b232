"""hemekg benchmark suite: corpora of 1k, 10k, 100k documents, SPARQL on 1M triples, peers.

Usage (from the repository root; corpora go to a temporary folder outside the repo)::

    python benchmarks/run.py --sizes 1000,10000,100000 --workers 2 -o benchmarks/results.md

Each corpus size runs in its own child process, so the peak memory (RSS) it reports is
that size's alone. Per size: the corpus is generated (recombined seed sentences, fixed
seed), built end to end into a fresh store (read, extract, graph, store, sharded SHACL
validation, sorted N-Triples + statements.jsonl + SHACL report), then one document is
changed and the build re-run incrementally; the single-core cost of each stage is
measured on a sample; pyshacl over the whole graph is run as the peer of the sharded
validation while the graph is small enough. A separate child generates a graph of
``--sparql-triples`` triples and times the named queries (``queries/*.rq``) and the
parser and serialiser in pyoxigraph and in rdflib's in-memory store. Finally the
extraction throughput on the seed documents repeated to ``--throughput-mb`` is measured
on one core. The Markdown tables go to ``-o`` and stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

MB = 1_000_000


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------
def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child (MB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def machine() -> dict[str, Any]:
    """Cores, memory, CPU model, Python and library versions of this machine."""
    import pyoxigraph
    import pyshacl
    import rdflib

    memory = cpu = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "rdflib": rdflib.__version__,
        "pyoxigraph": pyoxigraph.__version__,
        "pyshacl": pyshacl.__version__,
    }


class Timeout(Exception):
    """A peer run exceeded its budget."""


def with_budget(seconds: float, call: Callable[[], Any]) -> tuple[float | None, Any]:
    """(elapsed, result) of ``call``; (None, None) when it runs past ``seconds`` (SIGALRM)."""

    def expire(signum: int, frame: object) -> None:
        raise Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.perf_counter()
    try:
        result = call()
        return time.perf_counter() - started, result
    except Timeout:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def rate(count: float, seconds: float | None) -> float | None:
    return None if not seconds else count / seconds


def fmt(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "-"
    if digits == 0 and abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.{max(digits, 1) if value < 100 else 0}f}"


def ratio(peer_s: float | None, ours_s: float | None) -> str:
    if peer_s is None:
        return "peer > budget"
    if not ours_s:
        return "-"
    return f"{peer_s / ours_s:,.1f}x"


# ---------------------------------------------------------------------------------------
# one corpus size (runs in a child process)
# ---------------------------------------------------------------------------------------
def stage_profile(paths: list[Path], sample: int) -> dict[str, float]:
    """Single-core seconds per document of read, extract and graph, on a fixed sample."""
    from hemekg.extract import extract_document
    from hemekg.model import Document
    from hemekg.pipeline import DocumentResult
    from hemekg.read import read_document
    from hemekg.store.incremental import document_ntriples

    chosen = random.Random(3).sample(paths, min(sample, len(paths)))
    read_s = extract_s = graph_s = 0.0
    statements = size = 0
    extract_document(read_document(chosen[0]))  # load the lexicon outside the timing
    for path in chosen:
        size += path.stat().st_size
        started = time.perf_counter()
        document = read_document(path)
        read_done = time.perf_counter()
        found = tuple(extract_document(document))
        extract_done = time.perf_counter()
        slim = Document(
            document.id, document.path, document.media_type, "", document.sha256, (), document.title
        )
        document_ntriples(DocumentResult(str(path), slim, found))
        graph_done = time.perf_counter()
        read_s += read_done - started
        extract_s += extract_done - read_done
        graph_s += graph_done - extract_done
        statements += len(found)
    return {
        "docs": len(chosen),
        "bytes": size,
        "statements": statements,
        "read_s": read_s,
        "extract_s": extract_s,
        "graph_s": graph_s,
    }


def run_generate(size: int, tmp: Path) -> dict[str, Any]:
    """Write the corpus of ``size`` documents (its own process: the generator loads the
    lexicon and the extractor, which must not count in the build's memory)."""
    from corpus import generate_corpus

    started = time.perf_counter()
    paths, total_bytes = generate_corpus(tmp / f"corpus-{size}", size)
    record = {"paths": [str(p) for p in paths], "bytes": total_bytes,
              "seconds": time.perf_counter() - started}
    (tmp / f"corpus-{size}.json").write_text(json.dumps(record), encoding="utf-8")
    return {"size": size, "documents": len(paths)}


#: the re-build after one change, in a new interpreter: prints its timings and report text
_REBUILD = """
import json, sys
from pathlib import Path
from hemekg.pipeline import BuildOptions
from hemekg.store.build import build_incremental
folder, out, store, workers = sys.argv[1:]
options = BuildOptions(out_dir=Path(out), workers=int(workers), reason=False)
result = build_incremental([Path(folder)], options, Path(store), full_exports=False)
print(json.dumps({"timings": result.timings, "validation_text": result.validation_text}))
"""


def run_size(
    size: int,
    workers: int,
    tmp: Path,
    peer_max_triples: int,
    peer_budget_s: float,
    settle_s: float,
) -> dict[str, Any]:
    from hemekg.pipeline import BuildOptions
    from hemekg.store.build import build_incremental

    folder = tmp / f"corpus-{size}"
    generated = json.loads((tmp / f"corpus-{size}.json").read_text(encoding="utf-8"))
    paths = [Path(p) for p in generated["paths"]]
    total_bytes, generated_s = generated["bytes"], generated["seconds"]
    out, store = tmp / f"out-{size}", tmp / f"store-{size}"
    options = BuildOptions(out_dir=out, workers=workers, reason=False)

    started = time.perf_counter()
    result = build_incremental([folder], options, store, full_exports=False)
    full_s = time.perf_counter() - started
    own_mb, child_mb = peak_rss_mb()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))

    # incremental: one document changed, re-built by a new process as a user re-running
    # the build would (interpreter start and imports included). The full build's writes
    # (a gigabyte at 10,000 documents) first reach the disk, as they have by the time
    # someone edits a document.
    os.sync()

    def rebuild(changed: Path) -> tuple[float, SimpleNamespace]:
        with open(changed, "a", encoding="utf-8") as handle:
            handle.write("Leukemia is a type of blood cancer that begins in the bone marrow.\n")
        started = time.perf_counter()
        rebuilt = subprocess.run(
            [sys.executable, "-c", _REBUILD, str(folder), str(out), str(store), str(workers)],
            capture_output=True, text=True, check=True,
        )
        seconds = time.perf_counter() - started
        return seconds, SimpleNamespace(**json.loads(rebuilt.stdout.strip().splitlines()[-1]))

    incremental_s, again = rebuild(paths[len(paths) // 2])
    # and once more after the machine settled (the kernel has written back the outputs
    # and the corpus files are old enough for their status to be trusted)
    time.sleep(settle_s)
    settled_s, settled = rebuild(paths[(len(paths) // 2 + 1) % len(paths)])

    profile = stage_profile(paths, 300)

    peer: dict[str, Any] = {"triples": summary["triples"], "pyshacl_s": None, "ran": False}
    if summary["triples"] <= peer_max_triples:
        from hemekg.store.oxigraph import GraphStore
        from hemekg.validate.shacl import validate_graph

        with GraphStore(store) as graph_store:
            graph = graph_store.to_rdflib()
        elapsed, report = with_budget(peer_budget_s, lambda: validate_graph(graph))
        peer.update(
            ran=True,
            pyshacl_s=elapsed,
            same=None if report is None else report.to_text() == again.validation_text,
        )
        del graph

    shutil.rmtree(folder, ignore_errors=True)
    (tmp / f"corpus-{size}.json").unlink(missing_ok=True)
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return {
        "size": size,
        "bytes": total_bytes,
        "generate_s": generated_s,
        "workers": workers,
        "documents": len(result.documents),
        "skipped": len(result.skipped),
        "statements": summary["statements_extracted"],
        "asserted": summary["statements_asserted"],
        "triples": summary["triples"],
        "conforms": result.conforms,
        "full_s": full_s,
        "timings": result.timings,
        "peak_main_mb": own_mb,
        "peak_worker_mb": child_mb,
        "incremental_s": incremental_s,
        "incremental_settled_s": settled_s,
        "settle_s": settle_s,
        "incremental_settled_timings": settled.timings,
        "incremental_timings": again.timings,
        "profile": profile,
        "peer_validation": peer,
    }


# ---------------------------------------------------------------------------------------
# SPARQL and I/O on a generated graph (runs in a child process)
# ---------------------------------------------------------------------------------------
def _bindings(query: Any, iri: str) -> dict[str, Any]:
    from rdflib import URIRef

    return {p.name: URIRef(iri) for p in query.parameters if p.kind == "entity"}


#: untimed Oxigraph runs before each timed batch. An rdflib run in between (1.5 GB of
#: Python objects) evicts Oxigraph's data from the CPU caches: the first run after it took
#: 3-4x the settled time and the next ones settled over about five runs. rdflib's own runs
#: follow Oxigraph runs, which touch a few MB and leave its data in place.
_WARMUP_RUNS = 5


def run_sparql(triples: int, tmp: Path, budget_s: float, repeats: int) -> dict[str, Any]:
    import pyoxigraph as ox
    from graphgen import generate_graph
    from rdflib import Graph

    from hemekg.iris import entity_iri
    from hemekg.query.engine import SparqlGraph
    from hemekg.query.inline import split_bindings
    from hemekg.query.named import named_queries
    from hemekg.query.terms import to_oxigraph
    from hemekg.store.ntfile import write_sorted
    from hemekg.store.oxigraph import GraphStore

    path = tmp / "graph.nt"
    started = time.perf_counter()
    documents, written = generate_graph(path, triples)
    generate_s = time.perf_counter() - started
    size_mb = path.stat().st_size / MB
    io: dict[str, Any] = {"triples": written, "mb": size_mb}

    store = GraphStore(None)
    started = time.perf_counter()
    store.dataset.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    io["ox_parse_s"] = time.perf_counter() - started
    # Each named query bound as `hemekg query` binds it (written into the text where that
    # means the same, else the engines' own binding), on the store SparqlGraph.query runs
    # it on: the facts view where that gives the same answers. The view is made here, as
    # a session that loads a graph and queries it would, and its cost is reported apart.
    sparql = SparqlGraph(store=store.dataset)
    iri = str(entity_iri("DOID:1240"))
    started = time.perf_counter()
    plans = []
    for query in named_queries():
        bindings = _bindings(query, iri)
        text, native = split_bindings(query.text, bindings)
        plans.append((query, bindings, text, native, sparql.store_for(text)))
    io["ox_facts_view_s"] = time.perf_counter() - started
    started = time.perf_counter()
    store.dataset.dump(str(tmp / "ox.nt"), ox.RdfFormat.N_QUADS)
    io["ox_nt_s"] = time.perf_counter() - started
    started = time.perf_counter()
    store.dataset.dump(str(tmp / "ox.ttl"), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    io["ox_ttl_s"] = time.perf_counter() - started
    # the byte-stable graph.nt step: the store's dump, de-duplicated and sorted
    started = time.perf_counter()
    store.dataset.dump(str(tmp / "dump.nt"), ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    with open(tmp / "dump.nt", "rb") as dump:
        write_sorted(iter(lambda: b"".join(dump.readlines(1 << 24)), b""), tmp / "sorted.nt")
    io["ours_sorted_nt_s"] = time.perf_counter() - started

    graph = Graph()
    io["rdflib_parse_s"], _ = with_budget(budget_s * 4, lambda: graph.parse(str(path), format="nt"))
    io["rdflib_nt_s"], _ = with_budget(
        budget_s * 2, lambda: graph.serialize(str(tmp / "rdflib.nt"), format="nt")
    )
    io["rdflib_ttl_s"], _ = with_budget(
        budget_s * 2, lambda: graph.serialize(str(tmp / "rdflib.ttl"), format="turtle")
    )
    for name in ("ox.nt", "ox.ttl", "dump.nt", "sorted.nt", "rdflib.nt", "rdflib.ttl"):
        (tmp / name).unlink(missing_ok=True)

    queries = []
    for query, bindings, text, native, target in plans:
        substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in native.items()}

        def run_ox(text: str = text, substitutions: dict[Any, Any] = substitutions,
                   target: Any = target) -> int:
            return sum(1 for _ in target.query(text, substitutions=substitutions or None))

        def run_rdflib(text: str = text, native: dict[str, Any] = native) -> int:
            return sum(1 for _ in graph.query(text, initBindings=native or None))

        rows = run_ox()
        times: list[float] = []

        def time_ox(runs: int, times: list[float] = times) -> None:
            for _ in range(_WARMUP_RUNS):
                run_ox()
            for _ in range(runs):
                started = time.perf_counter()
                run_ox()
                times.append(time.perf_counter() - started)

        # the two engines in turns, so that a machine whose speed drifts (a shared
        # virtual machine) slows both alike: a third of the Oxigraph runs before each
        # rdflib run, each third after untimed warm-up runs
        peer_times = []
        peer_rows = None
        for turn in range(3):
            time_ox(repeats // 3 + (turn < repeats % 3))
            elapsed, peer_rows = with_budget(budget_s, run_rdflib)
            if elapsed is None:
                peer_times = []
                break
            peer_times.append(elapsed)
            if elapsed > 5:
                break
        time_ox(repeats - len(times))
        queries.append(
            {
                "name": query.name,
                "bound": bool(bindings),
                "facts_view": target is not store.dataset,
                "rows": rows,
                "ox_median_s": statistics.median(times),
                "ox_times_s": times,
                "rdflib_median_s": statistics.median(peer_times) if peer_times else None,
                "rows_agree": None if peer_rows is None else peer_rows == rows,
            }
        )
    own_mb, _ = peak_rss_mb()
    path.unlink(missing_ok=True)
    return {
        "documents": documents,
        "generate_s": generate_s,
        "io": io,
        "queries": queries,
        "peak_mb": own_mb,
    }


# ---------------------------------------------------------------------------------------
# extraction throughput on the seeds repeated (runs in a child process)
# ---------------------------------------------------------------------------------------
def run_throughput(target_mb: float, tmp: Path) -> dict[str, Any]:
    from hemekg.pipeline import extract_file
    from hemekg.resources import corpus_dir

    seeds = sorted(p for p in corpus_dir().iterdir() if p.is_file())
    folder = tmp / "seeds-repeated"
    folder.mkdir(parents=True, exist_ok=True)
    paths, total, copy = [], 0, 0
    while total < target_mb * MB:
        for seed in seeds:
            target = folder / f"{copy:05d}_{seed.name}"
            shutil.copyfile(seed, target)
            paths.append(target)
            total += target.stat().st_size
        copy += 1
    from hemekg.extract import extract_document
    from hemekg.read import read_document

    extract_file(paths[0])  # lexicon loaded outside the timing
    started = time.perf_counter()
    statements = sum(len(extract_file(p).statements) for p in paths)
    elapsed = time.perf_counter() - started
    # the same documents split into reading and extraction alone, wall and CPU clocks
    # (extraction alone on documents already read is what other measurements quote)
    read_wall = read_cpu = extract_wall = extract_cpu = 0.0
    for path in paths:
        wall, cpu = time.perf_counter(), time.process_time()
        document = read_document(path)
        wall2, cpu2 = time.perf_counter(), time.process_time()
        tuple(extract_document(document))
        read_wall += wall2 - wall
        read_cpu += cpu2 - cpu
        extract_wall += time.perf_counter() - wall2
        extract_cpu += time.process_time() - cpu2
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "docs": len(paths),
        "bytes": total,
        "seconds": elapsed,
        "statements": statements,
        "read_wall_s": read_wall,
        "read_cpu_s": read_cpu,
        "extract_wall_s": extract_wall,
        "extract_cpu_s": extract_cpu,
    }


# ---------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------
def markdown(
    info: dict[str, Any],
    sizes: list[dict[str, Any]],
    sparql: dict[str, Any] | None,
    throughput: dict[str, Any] | None,
    command: str,
) -> str:
    lines = [
        "## Benchmark results",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {info['cores']} cores ({info['cpu'] or 'unknown CPU'}), "
        f"{info['memory']} memory, "
        f"{info['system']}, Python {info['python']}; rdflib {info['rdflib']}, pyoxigraph "
        f"{info['pyoxigraph']}, pyshacl {info['pyshacl']}.",
        "",
    ]
    if sizes:
        lines += [
            f"### End to end (build into a fresh store, workers = {sizes[0]['workers']})",
            "",
            "| documents | MB | statements | triples | total s | docs/s | MB/s | statements/s | "
            "peak RSS main / worker MB | conforms |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for s in sizes:
            mb = s["bytes"] / MB
            lines.append(
                f"| {s['documents']:,} | {mb:.1f} | {s['statements']:,} | {s['triples']:,} | "
                f"{s['full_s']:.1f} | "
                f"{fmt(rate(s['documents'], s['full_s']))} | {fmt(rate(mb, s['full_s']), 2)} | "
                f"{fmt(rate(s['statements'], s['full_s']))} | "
                f"{s['peak_main_mb']:.0f} / {s['peak_worker_mb']:.0f} | "
                f"{s['conforms']} |"
            )
        lines += [
            "",
            "### Per stage (wall seconds in the build; throughput of that stage)",
            "",
            "| documents | stage | s | docs/s | MB/s | statements/s |",
            "| ---: | --- | ---: | ---: | ---: | ---: |",
        ]
        for s in sizes:
            mb = s["bytes"] / MB
            for stage, seconds in sorted(s["timings"].items(), key=lambda kv: -kv[1]):
                lines.append(
                    f"| {s['documents']:,} | {stage} | {seconds:.2f} | "
                    f"{fmt(rate(s['documents'], seconds))} | "
                    f"{fmt(rate(mb, seconds), 2)} | {fmt(rate(s['statements'], seconds))} |"
                )
        lines += [
            "",
            "### Single-core cost per stage (sample of 300 documents per corpus)",
            "",
            "| documents | sample | stage | docs/s | MB/s | statements/s |",
            "| ---: | ---: | --- | ---: | ---: | ---: |",
        ]
        for s in sizes:
            p = s["profile"]
            for stage in ("read", "extract", "graph"):
                seconds = p[f"{stage}_s"]
                lines.append(
                    f"| {s['documents']:,} | {p['docs']} | {stage} | "
                    f"{fmt(rate(p['docs'], seconds))} | "
                    f"{fmt(rate(p['bytes'] / MB, seconds), 2)} | "
                    f"{fmt(rate(p['statements'], seconds))} |"
                )
        lines += [
            "",
            "### Incremental re-build after one changed document",
            "",
            "A new interpreter re-builds right after the full build, then again after another "
            f"change and {sizes[0].get('settle_s', 0):g} s idle.",
            "",
            "| documents | full build s | re-build s | speed-up "
            "| re-build when settled s | speed-up |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for s in sizes:
            lines.append(
                f"| {s['documents']:,} | {s['full_s']:.1f} | {s['incremental_s']:.2f} | "
                f"{s['full_s'] / s['incremental_s']:.0f}x | {s['incremental_settled_s']:.2f} | "
                f"{s['full_s'] / s['incremental_settled_s']:.0f}x |"
            )
        lines += [
            "",
            "### Validation: sharded (ours) vs pyshacl on the whole graph",
            "",
            "| documents | triples | ours s | pyshacl whole-graph s | ratio | same report |",
            "| ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for s in sizes:
            peer = s["peer_validation"]
            ours = s["timings"].get("validate")
            if not peer["ran"]:
                lines.append(
                    f"| {s['documents']:,} | {s['triples']:,} | {fmt(ours, 1)} | "
                    "not run (graph too big) | - | - |"
                )
                continue
            lines.append(
                f"| {s['documents']:,} | {s['triples']:,} | {fmt(ours, 1)} | "
                f"{fmt(peer['pyshacl_s'], 1)} | "
                f"{ratio(peer['pyshacl_s'], ours)} | {peer.get('same')} |"
            )
    if sparql:
        io = sparql["io"]
        lines += [
            "",
            f"### Parse and serialise {io['triples']:,} triples ({io['mb']:.0f} MB of N-Triples)",
            "",
            "| task | ours / pyoxigraph s | rdflib s | ratio |",
            "| --- | ---: | ---: | ---: |",
            f"| parse N-Triples | {io['ox_parse_s']:.1f} | {fmt(io['rdflib_parse_s'], 1)} | "
            f"{ratio(io['rdflib_parse_s'], io['ox_parse_s'])} |",
            f"| write N-Triples | {io['ox_nt_s']:.1f} | {fmt(io['rdflib_nt_s'], 1)} | "
            f"{ratio(io['rdflib_nt_s'], io['ox_nt_s'])} |",
            f"| write sorted N-Triples (byte-stable, ours) | {io['ours_sorted_nt_s']:.1f} | "
            f"{fmt(io['rdflib_nt_s'], 1)} | {ratio(io['rdflib_nt_s'], io['ours_sorted_nt_s'])} |",
            f"| write Turtle | {io['ox_ttl_s']:.1f} | {fmt(io['rdflib_ttl_s'], 1)} | "
            f"{ratio(io['rdflib_ttl_s'], io['ox_ttl_s'])} |",
            "",
            f"### Named queries on {io['triples']:,} triples "
            "(median; pyoxigraph vs rdflib in-memory)",
            "",
            "Each query runs on the store `SparqlGraph.query` picks: the facts view (the graph "
            "without its provenance predicates, `hemekg.query.facts`) where that gives the same "
            "answers, else the whole graph. Making the view took "
            f"{fmt(io['ox_facts_view_s'], 2)} s, once, right after the load.",
            "",
            "| query | bound to DOID:1240 | store | rows | pyoxigraph ms | rdflib ms | ratio "
            "| same rows |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for q in sparql["queries"]:
            peer = q["rdflib_median_s"]
            lines.append(
                f"| {q['name']} | {'yes' if q['bound'] else 'no'} | "
                f"{'facts view' if q['facts_view'] else 'whole graph'} | {q['rows']:,} | "
                f"{q['ox_median_s'] * 1000:.2f} | "
                f"{fmt(None if peer is None else peer * 1000, 1)} | "
                f"{ratio(peer, q['ox_median_s'])} | {q['rows_agree']} |"
            )
    if throughput:
        t = throughput
        lines += [
            "",
            "### Extraction throughput, seed documents repeated, one core",
            "",
            "| documents | MB | s | docs/s | MB/s | statements/s |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {t['docs']:,} | {t['bytes'] / MB:.1f} | {t['seconds']:.1f} | "
            f"{fmt(rate(t['docs'], t['seconds']))} | "
            f"{fmt(rate(t['bytes'] / MB, t['seconds']), 2)} | "
            f"{fmt(rate(t['statements'], t['seconds']))} |",
            "",
            "The same documents, reading and extraction timed apart (MB/s of source text):",
            "",
            "| step | wall s | CPU s | MB/s wall | MB/s CPU |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for step in ("read", "extract"):
            wall, cpu = t.get(f"{step}_wall_s"), t.get(f"{step}_cpu_s")
            if wall is None or cpu is None:
                continue
            lines.append(
                f"| {step} (`{step}_document`) | {wall:.1f} | {cpu:.1f} | "
                f"{fmt(rate(t['bytes'] / MB, wall), 2)} | {fmt(rate(t['bytes'] / MB, cpu), 2)} |"
            )
    return "\n".join(lines) + "\n"


def child(args: list[str]) -> dict[str, Any]:
    """Run one part in a fresh interpreter (own peak memory); return its JSON."""
    run = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        raise SystemExit(f"benchmark part failed: {' '.join(args)}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--sparql-triples", type=int, default=1_000_000, help="0 skips the SPARQL part"
    )
    parser.add_argument(
        "--throughput-mb", type=float, default=10.0, help="0 skips the seed throughput part"
    )
    parser.add_argument(
        "--peer-max-triples",
        type=int,
        default=100_000,
        help="run whole-graph pyshacl only up to this many triples",
    )
    parser.add_argument("--budget", type=float, default=300.0, help="seconds a peer run may take")
    parser.add_argument("--repeats", type=int, default=20, help="runs per query for the median")
    parser.add_argument(
        "--settle", type=float, default=30.0, help="idle seconds before the second re-build"
    )
    parser.add_argument(
        "--tmp", type=Path, default=None, help="work folder [default: a new temp folder]"
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="also write the Markdown here"
    )
    parser.add_argument("--part", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    tmp = args.tmp or Path(tempfile.mkdtemp(prefix="hemekg-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    if args.part:
        kind, _, value = args.part.partition(":")
        if kind == "generate":
            payload = run_generate(int(value), tmp)
        elif kind == "size":
            payload = run_size(
                int(value), args.workers, tmp, args.peer_max_triples, args.budget, args.settle
            )
        elif kind == "sparql":
            payload = run_sparql(int(value), tmp, args.budget, args.repeats)
        else:
            payload = run_throughput(float(value), tmp)
        print(json.dumps(payload, default=str))
        return 0

    common = [
        "--workers",
        str(args.workers),
        "--tmp",
        str(tmp),
        "--budget",
        str(args.budget),
        "--peer-max-triples",
        str(args.peer_max_triples),
        "--repeats",
        str(args.repeats),
        "--settle",
        str(args.settle),
    ]
    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    sizes: list[dict[str, Any]] = []
    sparql = throughput = None

    def report() -> str:
        # written after every part, so a long run shows its figures as they come
        text = markdown(machine(), sizes, sparql, throughput, command.strip())
        if args.output:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(text, encoding="utf-8")
            raw = {"machine": machine(), "sizes": sizes, "sparql": sparql, "throughput": throughput}
            args.output.with_suffix(".json").write_text(
                json.dumps(raw, indent=2, default=str) + "\n", encoding="utf-8"
            )
        return text

    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        print(f"corpus of {size:,} documents ...", file=sys.stderr, flush=True)
        child(["--part", f"generate:{size}", *common])
        sizes.append(child(["--part", f"size:{size}", *common]))
        report()
    if args.sparql_triples > 0:
        print(f"SPARQL and I/O on {args.sparql_triples:,} triples ...", file=sys.stderr, flush=True)
        sparql = child(["--part", f"sparql:{args.sparql_triples}", *common])
        report()
    if args.throughput_mb > 0:
        print(f"seed extraction throughput, {args.throughput_mb} MB ...",
              file=sys.stderr, flush=True)
        throughput = child(["--part", f"throughput:{args.throughput_mb}", *common])
    print(report())
    if args.tmp is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
