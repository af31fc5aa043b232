"""A static HTML page documenting the ontology: types, relations, annotations, entities.

pyLODE would be the usual tool, but the installed release (3.4.1) fails at import time
(its ``version.py`` reads a ``pyproject.toml`` that the wheel does not ship), so this is a
small generator of our own. It is deterministic (sorted, no timestamps, no scripts, no
external assets) so the page diffs cleanly between releases. It accepts the TBox alone or
the OWL view (TBox merged with the entity classes).
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from hemekg.export.files import atomic_open
from hemekg.model import EntityType
from hemekg.namespaces import BASE, HKE, bind_prefixes, entity_type_iri

__all__ = ["ontology_docs_html", "write_ontology_docs"]

_DEFINITION = URIRef("http://purl.obolibrary.org/obo/IAO_0000115")
_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch)
_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #ddd; margin-top: 2.5rem; }
section.term { border: 1px solid #e3e3e3; border-radius: 6px; padding: 0.6rem 1rem;
               margin: 1rem 0; }
section.term h3 { margin: 0.2rem 0; } code { background: #f4f4f4; padding: 0 0.25rem; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f7f7f7; }
dl { display: grid; grid-template-columns: 10rem 1fr; margin: 0.3rem 0; } dt { font-weight: 600; }
dd { margin: 0 0 0.3rem 0; }
""".strip()


def write_ontology_docs(graph: Graph, path: Path) -> Path:
    """Write the HTML documentation of ``graph`` (TBox or OWL view) to ``path`` atomically."""
    with atomic_open(Path(path)) as handle:
        handle.write(ontology_docs_html(graph))
    return Path(path)


def ontology_docs_html(graph: Graph) -> str:
    """The HTML page as a string (see :func:`write_ontology_docs`)."""
    page = _Page(graph)
    return page.render()


class _Page:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.names = bind_prefixes(Graph()).namespace_manager
        self.names.bind("biolink", "https://w3id.org/biolink/vocab/")

    # -- helpers -------------------------------------------------------------------------
    def curie(self, node: Node) -> str:
        try:
            return self.names.curie(str(node), generate=False)
        except (KeyError, ValueError):
            return str(node)

    def label(self, node: Node) -> str:
        labels = sorted(str(x) for x in self.graph.objects(node, RDFS.label))
        return labels[0] if labels else self.curie(node)

    def link(self, node: Node) -> str:
        if isinstance(node, BNode):
            return self.class_expression(node)
        text = html.escape(self.label(node))
        if str(node).startswith(BASE):
            return f'<a href="#{html.escape(self._anchor(node))}">{text}</a>'
        return f'<a href="{html.escape(str(node))}">{html.escape(self.curie(node))}</a>'

    def class_expression(self, node: Node) -> str:
        members = self.graph.value(node, OWL.unionOf)
        if members is not None:
            return " or ".join(self.link(m) for m in Collection(self.graph, members))
        prop = self.graph.value(node, OWL.onProperty)
        filler = self.graph.value(node, OWL.someValuesFrom)
        if prop is not None and filler is not None:
            return f"{self.link(prop)} <em>some</em> {self.link(filler)}"
        return "(anonymous class)"

    @staticmethod
    def _anchor(node: Node) -> str:
        return str(node).removeprefix(BASE).replace("/", "-")

    def values(self, subject: Node, prop: URIRef) -> list[Node]:
        return sorted(
            self.graph.objects(subject, prop), key=lambda n: (isinstance(n, BNode), str(n))
        )

    # -- sections ------------------------------------------------------------------------
    def render(self) -> str:
        ontology = next(iter(sorted(self.graph.subjects(RDF.type, OWL.Ontology), key=str)), None)
        title = (
            str(self.graph.value(ontology, DCTERMS.title)) if ontology is not None else "Ontology"
        )
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{html.escape(title)}</title>",
            f"<style>\n{_STYLE}\n</style>",
            "</head>",
            "<body>",
            f"<h1>{html.escape(title)}</h1>",
        ]
        if ontology is not None:
            parts.append(self.metadata(ontology))
        types = [entity_type_iri(t) for t in EntityType]
        other_classes = sorted(
            (
                c
                for c in self.graph.subjects(RDF.type, OWL.Class)
                if isinstance(c, URIRef)
                and str(c).startswith(BASE)
                and not str(c).startswith(str(HKE))
                and c not in types
            ),
            key=str,
        )
        object_properties = sorted(
            (p for p in self.graph.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)),
            key=str,
        )
        annotation_properties = sorted(
            (
                p
                for p in self.graph.subjects(RDF.type, OWL.AnnotationProperty)
                if isinstance(p, URIRef) and str(p).startswith(BASE)
            ),
            key=str,
        )
        parts.append(self.toc())
        parts.append('<h2 id="types">Entity types</h2>')
        parts.extend(self.term(c) for c in types if (c, RDF.type, OWL.Class) in self.graph)
        parts.append(self.disjointness())
        parts.append('<h2 id="relations">Relations (object properties)</h2>')
        parts.append(
            "<p>Taxonomy uses <code>rdfs:subClassOf</code>; in the OWL view every other "
            "statement is an existential restriction <em>X SubClassOf (P some Y)</em>.</p>"
        )
        parts.extend(self.term(p) for p in object_properties)
        parts.append('<h2 id="annotations">Provenance and document annotations</h2>')
        parts.extend(self.term(p) for p in annotation_properties)
        parts.extend(self.term(c) for c in other_classes)
        parts.append(self.entities(types))
        parts.extend(["</body>", "</html>", ""])
        return "\n".join(part for part in parts if part)

    def metadata(self, ontology: Node) -> str:
        rows = [("IRI", f"<code>{html.escape(str(ontology))}</code>")]
        version = self.graph.value(ontology, OWL.versionIRI)
        if version is not None:
            rows.append(("Version IRI", f"<code>{html.escape(str(version))}</code>"))
        for prop, name in (
            (DCTERMS.created, "Created"),
            (DCTERMS.license, "Licence"),
            (DCTERMS.description, "Description"),
            (RDFS.comment, "Comment"),
        ):
            for value in self.values(ontology, prop):
                text = self.link(value) if isinstance(value, URIRef) else html.escape(str(value))
                rows.append((name, text))
        body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
        return f"<dl>{body}</dl>"

    def toc(self) -> str:
        items = [
            ("types", "Entity types"),
            ("disjointness", "Disjointness"),
            ("relations", "Relations"),
            ("annotations", "Provenance annotations"),
        ]
        if any(self._entity_classes()):
            items.append(("entities", "Entities"))
        links = "".join(f'<li><a href="#{a}">{html.escape(t)}</a></li>' for a, t in items)
        return f"<nav><ul>{links}</ul></nav>"

    def term(self, node: URIRef) -> str:
        rows: list[tuple[str, str]] = [("IRI", f"<code>{html.escape(str(node))}</code>")]
        for definition in self.values(node, _DEFINITION) + self.values(node, SKOS.definition):
            rows.append(("Definition", html.escape(str(definition))))
        for comment in self.values(node, RDFS.comment):
            rows.append(("Comment", html.escape(str(comment))))
        for prop, name in (
            (RDFS.subClassOf, "Subclass of"),
            (RDFS.domain, "Domain"),
            (RDFS.range, "Range"),
        ):
            linked = [self.link(v) for v in self.values(node, prop)]
            if linked:
                rows.append((name, ", ".join(linked)))
        for prop in _MATCHES:
            linked = [self.link(v) for v in self.values(node, prop)]
            if linked:
                rows.append((self.curie(prop), ", ".join(linked)))
        body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
        anchor = html.escape(self._anchor(node))
        return (
            f'<section class="term" id="{anchor}"><h3>{html.escape(self.label(node))} '
            f"<small><code>{html.escape(self.curie(node))}</code></small></h3><dl>{body}</dl></section>"
        )

    def disjointness(self) -> str:
        groups = []
        for axiom in self.graph.subjects(RDF.type, OWL.AllDisjointClasses):
            members = self.graph.value(axiom, OWL.members)
            if members is not None:
                groups.append(sorted(Collection(self.graph, members), key=str))
        pairs = sorted((a, b) for a, b in self.graph.subject_objects(OWL.disjointWith))
        items = [", ".join(self.link(m) for m in group) for group in sorted(groups, key=str)]
        items += [f"{self.link(a)}, {self.link(b)}" for a, b in pairs]
        listed = "".join(f"<li>pairwise disjoint: {item}</li>" for item in items)
        return f'<h2 id="disjointness">Disjointness</h2><ul>{listed}</ul>' if items else ""

    def _entity_classes(self) -> Iterable[URIRef]:
        return (
            c
            for c in self.graph.subjects(RDF.type, OWL.Class)
            if isinstance(c, URIRef) and str(c).startswith(str(HKE))
        )

    def entities(self, types: list[URIRef]) -> str:
        by_type: dict[Node, list[URIRef]] = defaultdict(list)
        for cls in self._entity_classes():
            parents = [p for p in self.graph.objects(cls, RDFS.subClassOf) if p in types] or [
                OWL.Thing
            ]
            for parent in parents:
                by_type[parent].append(cls)
        if not by_type:
            return ""
        parts = ['<h2 id="entities">Entities</h2>']
        for type_class in sorted(by_type, key=str):
            parts.append(f"<h3>{html.escape(self.label(type_class))}</h3>")
            parts.append(
                "<table><tr><th>label</th><th>IRI</th><th>parents</th><th>relations</th>"
                "<th>exact matches</th></tr>"
            )
            for cls in sorted(
                by_type[type_class], key=lambda c: (self.label(c).casefold(), str(c))
            ):
                supers = self.values(cls, RDFS.subClassOf)
                parent_links = ", ".join(
                    self.link(s)
                    for s in supers
                    if isinstance(s, URIRef) and str(s).startswith(str(HKE))
                )
                relations = "<br>".join(
                    sorted({self.class_expression(s) for s in supers if isinstance(s, BNode)})
                )
                matches = ", ".join(self.link(m) for m in self.values(cls, SKOS.exactMatch))
                anchor = html.escape(self._anchor(cls))
                parts.append(
                    f'<tr id="{anchor}"><td>{html.escape(self.label(cls))}</td>'
                    f"<td><code>{html.escape(self.curie(cls))}</code></td><td>{parent_links}</td>"
                    f"<td>{relations}</td><td>{matches}</td></tr>"
                )
            parts.append("</table>")
        return "\n".join(parts)
