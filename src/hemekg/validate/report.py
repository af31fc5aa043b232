"""Our own SHACL validation report: records, readable text, JSON and RDF.

pyshacl's result graph is precise but hard to read; curators need to know *which entity*
(by label) broke *which rule*, and *which sentence* of *which document* the offending
statement came from. :class:`ValidationReport` keeps pyshacl's graph (for ``to_graph``,
written as ``shacl-report.ttl``) and adds those readable fields to each
:class:`Violation`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH
from rdflib.term import Node

from hemekg.namespaces import HK, bind_prefixes

__all__ = ["ValidationReport", "Violation", "canonical_graph", "report_from_results"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result, with what a curator needs to fix it.

    :param focus_node: the node that broke the rule (IRI as a string, or ``_:b`` id).
    :param focus_label: its ``rdfs:label`` ('' if it has none).
    :param path: the property path (CURIE) the rule is about ('' for node-level rules).
    :param value: the offending value (CURIE, IRI or literal text; '' if none).
    :param message: the rule's message.
    :param severity: ``Violation``, ``Warning`` or ``Info``.
    :param shape: the shape that holds the rule (CURIE; ``Parent / path`` for an
        anonymous property shape).
    :param source_sentence: the evidence sentence of the statement involved ('' if none).
    :param source_document: the document that sentence comes from ('' if none).
    """

    focus_node: str
    focus_label: str
    path: str
    value: str
    message: str
    severity: str
    shape: str
    source_sentence: str = ""
    source_document: str = ""

    def sort_key(self) -> tuple[str, ...]:
        """Stable order: by shape, then node, path, value, message."""
        return (self.shape, self.focus_node, self.path, self.value, self.message)


@dataclass
class ValidationReport:
    """The outcome of validating a graph against SHACL shapes.

    :param conforms: True when there is no result of severity Violation.
    :param violations: every result (violations, warnings, infos), sorted.
    :param results_graph: pyshacl's W3C ``sh:ValidationReport`` graph.
    :param canonical: ``results_graph``'s blank-node labels already come from content
        (:func:`canonical_graph`), so :meth:`to_graph` need not relabel them.
    """

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    results_graph: Graph = field(default_factory=Graph)
    canonical: bool = False

    def counts(self) -> dict[str, int]:
        """Number of results per severity."""
        counts: dict[str, int] = defaultdict(int)
        for violation in self.violations:
            counts[violation.severity] += 1
        return dict(sorted(counts.items()))

    def to_text(self) -> str:
        """A readable report grouped by shape; each result shows the node's label and the
        source sentence of the statement involved, when there is one."""
        if not self.violations:
            return "SHACL: conforms (0 results)"
        groups: dict[tuple[str, str], list[Violation]] = defaultdict(list)
        for violation in self.violations:
            groups[(violation.shape, violation.message)].append(violation)
        shapes = {shape for shape, _ in groups}
        counts = ", ".join(f"{n} {severity.lower()}(s)" for severity, n in self.counts().items())
        status = "conforms" if self.conforms else "does not conform"
        lines = [f"SHACL: {status}: {counts} from {len(shapes)} shape(s)"]
        for (shape, message), items in sorted(groups.items()):
            lines.append("")
            lines.append(f"[{items[0].severity}] {shape}: {message} ({len(items)})")
            for item in items:
                node = item.focus_node + (f' "{item.focus_label}"' if item.focus_label else "")
                detail = " ".join(part for part in (item.path, item.value) if part)
                lines.append(f"  - {node}" + (f"  {detail}" if detail else ""))
                if item.source_sentence:
                    where = f" ({item.source_document})" if item.source_document else ""
                    lines.append(f'      evidence{where}: "{item.source_sentence}"')
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (``hemekg validate --output json``)."""
        return {
            "conforms": self.conforms,
            "counts": self.counts(),
            "results": [asdict(violation) for violation in self.violations],
        }

    def to_graph(self) -> Graph:
        """The W3C SHACL report graph (``sh:ValidationReport``), prefixes bound, with
        blank-node labels from content: ``shacl-report.ttl`` is the same bytes in every
        run (pyshacl's labels are fresh each time, and with several results the
        serialisation order follows them)."""
        if not self.canonical:
            return canonical_graph(self.results_graph)
        graph = bind_prefixes(Graph())
        for triple in self.results_graph:
            graph.add(triple)
        return graph

    def to_turtle(self) -> str:
        """``shacl-report.ttl``: :meth:`to_graph` as long-form Turtle (byte-stable)."""
        return self.to_graph().serialize(format="longturtle")


def canonical_graph(graph: Graph) -> Graph:
    """``graph`` with blank-node labels computed from its content
    (:func:`hemekg.validate.canonical.canonical_triples`), prefixes bound: its
    serialisation does not depend on the run, or on which parts of it came from a cache."""
    from hemekg.validate.canonical import canonical_triples

    canonical = bind_prefixes(Graph())
    for triple in canonical_triples(graph):
        canonical.add(triple)
    return canonical


def report_from_results(
    conforms: bool, results: Graph, data: Graph, shapes: Graph
) -> ValidationReport:
    """Build our report from pyshacl's results graph.

    :param conforms: pyshacl's verdict.
    :param results: pyshacl's results graph.
    :param data: the validated graph (for labels and evidence sentences).
    :param shapes: the shapes graph (to name anonymous property shapes).
    """
    names = _Namer(data, shapes)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        shape = results.value(result, SH.sourceShape)
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        sentence, document = _evidence(data, shapes, focus, path, value, shape)
        violations.append(
            Violation(
                focus_node=names.name(focus),
                focus_label=_label(data, focus),
                path=names.name(path),
                value=names.name(value),
                message=names.compact_iris(messages[0]) if messages else "",
                severity=names.local(severity) or "Violation",
                shape=names.shape(shape),
                source_sentence=sentence,
                source_document=document,
            )
        )
    violations = sorted(set(violations), key=Violation.sort_key)
    return ValidationReport(conforms=conforms, violations=violations, results_graph=results)


_IRI_IN_TEXT = re.compile(r"https?://[^\s<>\"{}|^`]+")


class _Namer:
    """Short, stable names for nodes: CURIEs with our prefixes and the shapes' own."""

    def __init__(self, data: Graph, shapes: Graph) -> None:
        self.shapes = shapes
        self.graph = bind_prefixes(Graph())
        for prefix, namespace in shapes.namespaces():
            if prefix and prefix not in dict(self.graph.namespaces()):
                self.graph.bind(prefix, namespace)

    def name(self, node: Node | None) -> str:
        if node is None:
            return ""
        if isinstance(node, URIRef):
            try:
                return self.graph.namespace_manager.curie(node, generate=False)
            except (KeyError, ValueError):
                return str(node)
        if isinstance(node, BNode):
            return f"_:{node}"
        return str(node)

    def compact_iris(self, text: str) -> str:
        """Messages quote nodes as full IRIs; show them as CURIEs like the other fields."""

        def compact(match: re.Match[str]) -> str:
            iri = match.group().rstrip(".,;:)")
            return self.name(URIRef(iri)) + match.group()[len(iri) :]

        return _IRI_IN_TEXT.sub(compact, text)

    def local(self, node: Node | None) -> str:
        if not isinstance(node, URIRef):
            return ""
        text = str(node)
        return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    def shape(self, node: Node | None) -> str:
        if not isinstance(node, BNode):
            return self.name(node)
        parent = self.shapes.value(None, SH.property, node)
        path = self.shapes.value(node, SH.path)
        if parent is not None:
            return (
                f"{self.name(parent)} / {self.name(path)}"
                if path is not None
                else self.name(parent)
            )
        constraint_owner = self.shapes.value(None, SH.sparql, node)
        if constraint_owner is not None:
            return self.name(constraint_owner)
        return self.name(path) if path is not None else "(anonymous shape)"


def _label(data: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    labels = sorted(
        data.objects(node, RDFS.label),
        key=lambda lit: (getattr(lit, "language", None) != "en", str(lit)),
    )
    return str(labels[0]) if labels else ""


def _evidence(
    data: Graph,
    shapes: Graph,
    focus: Node | None,
    path: Node | None,
    value: Node | None,
    shape: Node | None,
) -> tuple[str, str]:
    """The evidence sentence and document of the statement a result is about.

    A provenance node carries it directly; for an entity we look for the provenance node
    of the triple (focus, path, value), or, for a node-level rule on the subjects of a
    predicate (a domain check), of a triple of that predicate with the focus as subject.
    A rule about the entity itself (labels, ids) has no sentence.
    """
    if focus is None:
        return "", ""
    if (focus, RDF.type, OWL.Axiom) in data:
        return _sentence_of(data, focus)
    candidates: list[Node] = []
    if path is not None and value is not None:
        candidates = _axioms(data, focus, path, value)
    if not candidates and path is None and shape is not None:
        for predicate in shapes.objects(shape, SH.targetSubjectsOf):
            candidates.extend(_axioms(data, focus, predicate, None))
    if not candidates:
        return "", ""
    return _sentence_of(data, sorted(candidates, key=str)[0])


def _axioms(data: Graph, source: Node, prop: Node | None, target: Node | None) -> list[Node]:
    found = []
    for axiom in data.subjects(OWL.annotatedSource, source):
        if prop is not None and (axiom, OWL.annotatedProperty, prop) not in data:
            continue
        if target is not None and (axiom, OWL.annotatedTarget, target) not in data:
            continue
        if (axiom, HK.evidenceText, None) in data:
            found.append(axiom)
    return found


def _sentence_of(data: Graph, axiom: Node) -> tuple[str, str]:
    sentence = data.value(axiom, HK.evidenceText)
    document = data.value(axiom, PROV.wasDerivedFrom)
    doc_name = ""
    if document is not None:
        label = data.value(document, RDFS.label)
        doc_name = str(label) if isinstance(label, Literal) else str(document)
    return (str(sentence) if sentence is not None else ""), doc_name
