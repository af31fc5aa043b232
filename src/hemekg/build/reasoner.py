"""Classify the OWL view with HermiT (through owlready2) and explain what went wrong.

A reasoner answers two questions about ``hemekg.owl``: is it *consistent* (it has a
model at all), and is it *coherent* (no class is forced to be empty). With no
individuals besides the source documents, a wrong extraction rarely makes the ontology
inconsistent; it makes a class unsatisfiable: ``X SubClassOf Y`` where X is a Disease and
Y a Treatment, or a ``hasSymptom`` whose object is a cell type, clash with the TBox's
disjointness axioms. For each unsatisfiable class the report lists the statements that
involve it, with their evidence sentence and document, so a curator can find the culprit.

owlready2 runs HermiT with the ``java`` found on ``PATH`` (``scripts/setup.sh``
installs one where it is missing).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS
from rdflib.term import Node

from hemekg.errors import BuildError
from hemekg.namespaces import HK, bind_prefixes

__all__ = ["ReasonerReport", "StatementEvidence", "UnsatisfiableClass", "check_consistency"]


@dataclass(frozen=True, slots=True)
class StatementEvidence:
    """A statement of the OWL view that involves a class, with where it was found."""

    subject: str
    predicate: str
    object: str
    sentence: str
    document: str


@dataclass(frozen=True, slots=True)
class UnsatisfiableClass:
    """A class the reasoner proved empty, and the statements that mention it."""

    iri: str
    label: str
    types: tuple[str, ...]
    statements: tuple[StatementEvidence, ...] = ()
    #: other unsatisfiable classes this one is a subclass of or needs ``some`` of: when
    #: non-empty, the clash is theirs and fixing them fixes this class too.
    follows_from: tuple[str, ...] = ()

    @property
    def is_root(self) -> bool:
        """True when the clash is in this class's own axioms, not inherited."""
        return not self.follows_from


@dataclass
class ReasonerReport:
    """The outcome of classifying an ontology.

    :param consistent: the ontology has a model.
    :param unsatisfiable: classes equivalent to ``owl:Nothing`` (empty when inconsistent:
        an inconsistent ontology cannot be classified).
    :param reasoner: the reasoner's name.
    :param seconds: wall time of the reasoner run (not part of :meth:`to_json`'s stable keys).
    """

    consistent: bool
    unsatisfiable: list[UnsatisfiableClass] = field(default_factory=list)
    reasoner: str = "HermiT"
    seconds: float = 0.0

    @property
    def coherent(self) -> bool:
        """No unsatisfiable class."""
        return not self.unsatisfiable

    @property
    def ok(self) -> bool:
        """Consistent and coherent: nothing for a curator to fix."""
        return self.consistent and self.coherent

    def to_text(self) -> str:
        """A readable summary naming each unsatisfiable class and its statements."""
        if not self.consistent:
            return f"OWL ({self.reasoner}): INCONSISTENT: the ontology has no model"
        if self.coherent:
            return f"OWL ({self.reasoner}): consistent, no unsatisfiable classes"
        roots = sum(1 for item in self.unsatisfiable if item.is_root)
        lines = [
            f"OWL ({self.reasoner}): consistent, but {len(self.unsatisfiable)} "
            f"unsatisfiable class(es), {roots} at the root of the clash (listed first):"
        ]
        for item in sorted(self.unsatisfiable, key=lambda u: (not u.is_root, u.iri)):
            types = f" (typed {', '.join(item.types)})" if item.types else ""
            lines.append(f'- {item.iri} "{item.label}"{types}')
            if item.follows_from:
                lines.append(f"    follows from {', '.join(item.follows_from)}")
                continue
            for st in item.statements:
                lines.append(f"    {st.subject} {st.predicate} {st.object}")
                lines.append(f'      evidence ({st.document}): "{st.sentence}"')
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (without the timing, so it is stable)."""
        return {
            "reasoner": self.reasoner,
            "consistent": self.consistent,
            "coherent": self.coherent,
            "unsatisfiable": [asdict(item) for item in self.unsatisfiable],
        }


def check_consistency(owl_path: Path) -> ReasonerReport:
    """Run HermiT on ``owl_path`` (RDF/XML) and report consistency and unsatisfiable classes.

    :raises BuildError: Java is missing, or the file cannot be loaded or reasoned on.
    """
    owl_path = Path(owl_path)
    if shutil.which("java") is None:
        raise BuildError(
            "the HermiT reasoner needs Java, and no 'java' is on PATH: install a "
            "JRE (scripts/setup.sh) or build with --no-reason",
            owl_path,
        )
    if not owl_path.is_file():
        raise BuildError("no such OWL file", owl_path)
    import owlready2

    started = time.perf_counter()
    world = owlready2.World()
    try:
        world.get_ontology(owl_path.resolve().as_uri()).load()
    except Exception as error:
        raise BuildError(
            f"owlready2 cannot load the ontology: {_one_line(error)}", owl_path
        ) from None
    consistent = True
    unsatisfiable_iris: list[str] = []
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        unsatisfiable_iris = sorted(
            cls.iri for cls in world.inconsistent_classes() if cls is not owlready2.Nothing
        )
    except owlready2.OwlReadyInconsistentOntologyError:
        consistent = False
    except Exception as error:  # Java crashed, out of memory, ...
        raise BuildError(f"HermiT failed: {_one_line(error)}", owl_path) from None
    finally:
        world.close()
    seconds = time.perf_counter() - started
    explained = _explain(owl_path, unsatisfiable_iris) if unsatisfiable_iris else []
    return ReasonerReport(consistent=consistent, unsatisfiable=explained, seconds=seconds)


def _explain(owl_path: Path, iris: list[str]) -> list[UnsatisfiableClass]:
    """Label, entity types and annotated statements of each unsatisfiable class."""
    from hemekg.validate.parse import load_rdf

    graph = load_rdf(owl_path)
    names = bind_prefixes(Graph()).namespace_manager
    unsatisfiable = {URIRef(iri) for iri in iris}
    explained = []
    for iri in iris:
        node = URIRef(iri)
        needed = _needs(graph, node) & (unsatisfiable - {node})
        depends = tuple(sorted(names.normalizeUri(str(d)) for d in needed))
        types = tuple(
            sorted(
                names.normalizeUri(t)
                for t in graph.objects(node, RDFS.subClassOf)
                if isinstance(t, URIRef)
                and str(t).startswith(str(HK))
                and t in _entity_type_classes()
            )
        )
        explained.append(
            UnsatisfiableClass(
                iri=names.normalizeUri(node),
                label=_label(graph, node),
                types=types,
                statements=tuple(
                    sorted(
                        _statements_about(graph, node, names),
                        key=lambda s: (s.subject, s.predicate, s.object, s.sentence),
                    )
                ),
                follows_from=depends,
            )
        )
    return explained


def _needs(graph: Graph, node: URIRef) -> set[Node]:
    """Named classes ``node`` is asserted to be a subclass of, or to need ``some`` of."""
    needed: set[Node] = set()
    for parent in graph.objects(node, RDFS.subClassOf):
        if isinstance(parent, URIRef):
            needed.add(parent)
        else:
            filler = graph.value(parent, OWL.someValuesFrom)
            if filler is not None:
                needed.add(filler)
    return needed


def _entity_type_classes() -> frozenset[URIRef]:
    from hemekg.model import EntityType
    from hemekg.namespaces import entity_type_iri

    return frozenset(entity_type_iri(t) for t in EntityType)


def _statements_about(graph: Graph, node: URIRef, names: Any) -> list[StatementEvidence]:
    found = []
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        source = graph.value(axiom, OWL.annotatedSource)
        target = graph.value(axiom, OWL.annotatedTarget)
        if source is None or target is None:
            continue
        predicate: Node = RDFS.subClassOf
        filler: Node | None = target
        if (target, RDF.type, OWL.Restriction) in graph:
            predicate = graph.value(target, OWL.onProperty) or RDFS.subClassOf
            filler = graph.value(target, OWL.someValuesFrom)
        if node not in (source, filler):
            continue
        document = graph.value(axiom, PROV.wasDerivedFrom)
        doc_label = graph.value(document, RDFS.label) if document is not None else None
        found.append(
            StatementEvidence(
                subject=f'{names.normalizeUri(source)} "{_label(graph, source)}"',
                predicate=names.normalizeUri(predicate),
                object=f'{names.normalizeUri(filler)} "{_label(graph, filler)}"'
                if filler is not None
                else "",
                sentence=str(graph.value(axiom, HK.evidenceText) or ""),
                document=str(doc_label or document or ""),
            )
        )
    return found


def _label(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    labels = sorted(str(label) for label in graph.objects(node, RDFS.label))
    return labels[0] if labels else ""


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:500] or type(error).__name__
