"""Applying a curation folder to the statements of a build.

:func:`curate` is what ``hemekg build`` calls between extraction and the graph. The
decisions are keyed on :attr:`hemekg.model.Statement.id`, which stays the same while the
subject, predicate, object, document and evidence sentence stay the same, so decisions
survive rebuilds. A decision whose statement is no longer extracted is reported, never
silently dropped.

An explicit ``accept`` beats the build's ``--min-confidence``: the pipeline filters on
confidence after curation, so an accepted statement gets confidence 1.0 (the curator
vouches for it). The extractor's own confidence stays in the review table and in
``statements.jsonl``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from hemekg.curation.decisions import Decision, DecisionKind, parse_predicate, read_decisions
from hemekg.curation.entities import EntityLookup, EntityResolver
from hemekg.curation.table import TABLE_MEDIA_TYPES
from hemekg.errors import UsageError
from hemekg.iris import document_iri, slugify, statement_iri
from hemekg.model import PREDICATE_SIGNATURES, Statement
from hemekg.namespaces import BASE, HK

__all__ = [
    "ACCEPTED",
    "ADDED",
    "CURATION_EXTRACTOR",
    "CURATOR_BASE",
    "CurationOutcome",
    "added_statement",
    "apply_decisions",
    "curate",
    "curator_iri",
]

#: ``hk:curationStatus`` of a statement a curator accepted.
ACCEPTED = "accepted"
#: ``hk:curationStatus`` of a statement a curator added by hand.
ADDED = "added"
#: ``hk:extractor`` of a hand-added statement.
CURATION_EXTRACTOR = "curation"
#: Namespace of curator IRIs (``https://w3id.org/hemekg/curator/<slug>``).
CURATOR_BASE = BASE + "curator/"

_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")


def curator_iri(curator: str) -> URIRef:
    """The IRI a curator is attributed as.

    An ORCID (bare or as URL) becomes its ``https://orcid.org/`` IRI, any other
    ``http(s)`` IRI is kept, and a name becomes ``https://w3id.org/hemekg/curator/<slug>``.

    >>> str(curator_iri("Ada Lovelace"))
    'https://w3id.org/hemekg/curator/ada_lovelace'
    >>> str(curator_iri("0000-0002-1825-0097"))
    'https://orcid.org/0000-0002-1825-0097'
    """
    text = curator.strip()
    orcid = _ORCID.match(text)
    if orcid:
        return URIRef(f"https://orcid.org/{orcid.group(1)}")
    if text.startswith(("https://", "http://")) and " " not in text:
        return URIRef(text)
    return URIRef(CURATOR_BASE + slugify(text))


@dataclass(frozen=True)
class CurationOutcome:
    """What curation did to the candidate statements of a build.

    :param statements: what may be asserted: rejected statements removed, accepted ones
        at confidence 1.0, hand-added ones appended (negated ones are still in; the
        pipeline drops them afterwards).
    :param annotate: marks accepted and added statements on the built graph.
    :param messages: one line each for the build summary: counts, then stale decisions.
    :param accepted: ids of the accepted statements found in the build.
    :param rejected: ids of the rejected statements found in the build.
    :param added: the hand-added statements.
    :param stale: decisions whose statement is no longer extracted.
    """

    statements: tuple[Statement, ...]
    annotate: Callable[[Graph], None]
    messages: tuple[str, ...] = ()
    accepted: frozenset[str] = frozenset()
    rejected: frozenset[str] = frozenset()
    added: tuple[Statement, ...] = ()
    stale: tuple[Decision, ...] = ()


def added_statement(decision: Decision, resolver: EntityResolver) -> Statement:
    """The statement a hand-added row asserts, with the curation as its provenance.

    Evidence is the curator's note (or "added by <curator>"), the document is the
    decision file's name, the extractor ``curation`` and the confidence 1.0.

    :raises UsageError: an entity cannot be grounded, or its type does not fit the
        predicate's domain/range.
    """
    predicate = parse_predicate(decision.predicate)
    if predicate is None:  # read_decision_file already refuses these rows
        raise UsageError(
            f"line {decision.line}: unknown predicate {decision.predicate!r}", decision.file
        )
    subject = resolver.resolve(decision, "subject")
    obj = resolver.resolve(decision, "object")
    subject_types, object_types = PREDICATE_SIGNATURES[predicate]
    allowed_objects = object_types if object_types is not None else frozenset({subject.type})
    if subject.type not in subject_types or obj.type not in allowed_objects:
        raise UsageError(
            f"line {decision.line}: {subject.label} ({subject.type}) {predicate} {obj.label} "
            f"({obj.type}) does not fit the domain and range of {predicate}",
            decision.file,
        )
    evidence = decision.note or (
        f"added by {decision.curator}" if decision.curator else "added by hand"
    )
    return Statement(
        subject=subject,
        predicate=predicate,
        object=obj,
        document=decision.file.name,
        sentence=evidence,
        start=0,
        end=len(evidence),
        extractor=CURATION_EXTRACTOR,
        confidence=1.0,
    )


def _describe_curator(graph: Graph, curator: str) -> URIRef:
    agent = curator_iri(curator)
    graph.add((agent, RDF.type, PROV.Agent))
    graph.add((agent, RDFS.label, Literal(curator)))
    return agent


def _make_annotator(
    status_by_id: dict[str, tuple[str, str]], files: dict[str, Path]
) -> Callable[[Graph], None]:
    """A function marking curated axiom nodes of a built graph.

    :param status_by_id: statement id -> (curation status, curator).
    :param files: document name -> decision file, for hand-added statements' sources.
    """

    def annotate(graph: Graph) -> None:
        used_documents: set[URIRef] = set()
        for statement_id, (status, curator) in sorted(status_by_id.items()):
            node = statement_iri(statement_id)
            if (node, RDF.type, OWL.Axiom) not in graph:
                continue  # kept out of the graph (negated)
            graph.add((node, HK.curationStatus, Literal(status)))
            if curator:
                graph.add((node, PROV.wasAttributedTo, _describe_curator(graph, curator)))
            if status == ADDED:
                used_documents.update(
                    o for o in graph.objects(node, PROV.wasDerivedFrom) if isinstance(o, URIRef)
                )
        for name, path in sorted(files.items()):
            node = document_iri(name)
            if node not in used_documents:
                continue
            graph.add((node, RDF.type, HK.SourceDocument))
            graph.add((node, RDF.type, PROV.Entity))
            graph.add((node, RDFS.label, Literal(name)))
            graph.add(
                (node, HK.contentHash, Literal(hashlib.sha256(path.read_bytes()).hexdigest()))
            )
            graph.add((node, HK.mediaType, Literal(TABLE_MEDIA_TYPES[path.suffix.lower()])))

    return annotate


def apply_decisions(
    candidates: Iterable[Statement],
    decisions: Sequence[Decision],
    *,
    lookup: EntityLookup | None = None,
) -> CurationOutcome:
    """Apply ``decisions`` to ``candidates`` (see :func:`curate`)."""
    candidates = list(candidates)
    present = {statement.id for statement in candidates}
    by_id: dict[str, Decision] = {}
    stale: list[Decision] = []
    for decision in decisions:
        if decision.kind is DecisionKind.ADD:
            continue
        if decision.statement_id in present:
            by_id.setdefault(decision.statement_id, decision)
        else:
            stale.append(decision)

    resolver = EntityResolver.from_statements(candidates, lookup)
    added = [added_statement(d, resolver) for d in decisions if d.kind is DecisionKind.ADD]

    kept: list[Statement] = []
    status_by_id: dict[str, tuple[str, str]] = {}
    notes: list[str] = []
    for statement in candidates:
        verdict = by_id.get(statement.id)
        if verdict is None:
            kept.append(statement)
        elif verdict.kind is DecisionKind.ACCEPT:
            if statement.negated:
                notes.append(
                    f"{verdict.where}: accepted statement {statement.id} ({verdict.describe()}) "
                    "is negated in its text and stays out of the graph; use 'add' to assert it"
                )
                kept.append(statement)
            else:
                kept.append(replace(statement, confidence=1.0))
                status_by_id[statement.id] = (ACCEPTED, verdict.curator)
    added_by_id: dict[str, Statement] = {}
    for decision, statement in zip(
        (d for d in decisions if d.kind is DecisionKind.ADD), added, strict=True
    ):
        if statement.id not in added_by_id:
            added_by_id[statement.id] = statement
            status_by_id[statement.id] = (ADDED, decision.curator)
    kept.extend(added_by_id.values())

    counts = Counter(d.kind for d in by_id.values())
    files = {d.file.name: d.file for d in decisions}
    messages: list[str] = []
    if decisions:
        n_files = len({d.file for d in decisions})
        messages.append(
            f"{counts[DecisionKind.ACCEPT]} accepted, {counts[DecisionKind.REJECT]} rejected, "
            f"{len(added_by_id)} added, {len(stale)} stale ({len(decisions)} "
            f"decision{'s' if len(decisions) != 1 else ''} in {n_files} "
            f"file{'s' if n_files != 1 else ''})"
        )
    messages.extend(notes)
    messages.extend(
        f"{d.where}: statement {d.statement_id} ({d.describe()}) no longer extracted; "
        f"'{d.kind.value}' not applied"
        for d in stale
    )
    return CurationOutcome(
        statements=tuple(kept),
        annotate=_make_annotator(status_by_id, files),
        messages=tuple(messages),
        accepted=frozenset(i for i, d in by_id.items() if d.kind is DecisionKind.ACCEPT),
        rejected=frozenset(i for i, d in by_id.items() if d.kind is DecisionKind.REJECT),
        added=tuple(added_by_id.values()),
        stale=tuple(stale),
    )


def curate(
    candidates: Iterable[Statement],
    curation_dir: Path,
    *,
    lookup: EntityLookup | None = None,
) -> CurationOutcome:
    """Apply the decision files of ``curation_dir`` to the statements of a build.

    Rejected statements are removed; accepted ones are kept at confidence 1.0 (so the
    build's ``--min-confidence`` cannot drop them) and marked ``hk:curationStatus
    "accepted"`` with ``prov:wasAttributedTo`` their curator by ``annotate``; hand-added
    ones are appended with their own provenance and marked ``"added"``.

    :param candidates: every extracted statement, negated ones included.
    :param curation_dir: the folder of ``*.tsv``/``*.csv`` decision files.
    :param lookup: grounds hand-added CURIEs and labels the build does not know
        (default: the project lexicon, when it can be loaded).
    :raises UsageError: a missing folder or a malformed decision file (file and line named).
    """
    decisions = read_decisions(Path(curation_dir))
    if lookup is None and any(d.kind is DecisionKind.ADD for d in decisions):
        from hemekg.curation.lexicon import lexicon_lookup

        lookup = lexicon_lookup()
    return apply_decisions(candidates, decisions, lookup=lookup)
