"""A self-contained interactive view of the knowledge graph (``build/graph.html``).

One HTML file with the vis-network library inlined (taken from the pyvis package, a
dependency, so nothing is vendored twice): it opens from disk, offline, with no request
to any CDN. Entities are coloured by type; edges carry the predicate and a tooltip with
confidence and evidence count; a search box focuses an entity by label or CURIE.

The page is deterministic: data sorted, a fixed layout seed, no timestamps. After the
layout has stabilised the script sets ``data-rendered-nodes`` on ``<body>``, which the
browser test reads from the DOM.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import Graph

from hemekg.errors import ExportError
from hemekg.export.files import atomic_write_text
from hemekg.export.records import edge_records, node_records
from hemekg.model import EntityType

__all__ = ["TYPE_COLOURS", "graph_html", "vis_network_assets", "write_html"]

#: entity type -> node colour (colour-blind-safe Okabe-Ito palette).
TYPE_COLOURS: dict[str, str] = {
    EntityType.DISEASE: "#D55E00",
    EntityType.PHENOTYPE: "#E69F00",
    EntityType.DIAGNOSTIC_PROCEDURE: "#56B4E9",
    EntityType.TREATMENT: "#009E73",
    EntityType.ANATOMICAL_STRUCTURE: "#CC79A7",
    EntityType.CELL_TYPE: "#0072B2",
    EntityType.CAUSE: "#999999",
    EntityType.POPULATION: "#F0E442",
}
_VIS_VERSION = "vis-9.1.2"


@cache
def vis_network_assets() -> tuple[str, str]:
    """The vis-network JavaScript and CSS shipped inside pyvis (read once).

    :raises ExportError: pyvis is missing or lacks the files.
    """
    try:
        folder = files("pyvis") / "lib" / _VIS_VERSION
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as error:
        raise ExportError(f"vis-network assets not found in pyvis ({error})") from error
    return script, style


def _json_for_script(value: Any) -> str:
    # Inside <script>, "</" would close the element; "<\/" is the same JSON string.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=None).replace("</", "<\\/")


def _graph_data(graph: Graph) -> dict[str, Any]:
    nodes = []
    for node in node_records(graph):
        tooltip = "\n".join(filter(None, (
            f"{node.label} ({node.type})",
            node.id,
            "also: " + ", ".join(node.alt_labels) if node.alt_labels else "",
            "xrefs: " + ", ".join(node.xrefs) if node.xrefs else "",
        )))
        nodes.append({
            "id": node.id,
            "label": node.label,
            "group": node.type,
            "color": TYPE_COLOURS.get(node.type, "#999999"),
            "title": tooltip,
        })
    edges = []
    for edge in edge_records(graph):
        confidence = "n/a" if edge.confidence is None else f"{edge.confidence:.2f}"
        edges.append({
            "id": f"{edge.subject} {edge.predicate} {edge.object}",
            "from": edge.subject,
            "to": edge.object,
            "label": edge.predicate,
            "title": (f"{edge.predicate}\nconfidence {confidence}, "
                      f"{edge.evidence_count} evidence sentence(s)\n"
                      + "\n".join(edge.documents)),
            "width": 1 + edge.evidence_count,
            "dashes": edge.predicate == "subClassOf",
        })
    return {"nodes": nodes, "edges": edges}


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>{vis_css}</style>
<style>
body {{ margin: 0; font: 14px system-ui, sans-serif; }}
header {{ padding: 6px 10px; background: #f4f4f4; border-bottom: 1px solid #ddd; }}
header input {{ margin-left: 1em; }}
.legend span {{ display: inline-block; margin-right: 10px; }}
.legend i {{ display: inline-block; width: 10px; height: 10px; border-radius: 5px;
             margin-right: 3px; }}
#network {{ width: 100%; height: calc(100vh - 64px); }}
</style>
</head>
<body>
<header>
<strong>{title}</strong>: {node_count} entities, {edge_count} relations
<input id="search" type="search" placeholder="find an entity (label or CURIE)" size="32">
<div class="legend">{legend}</div>
</header>
<div id="network"></div>
<script id="hemekg-data" type="application/json">{data}</script>
<script>{vis_js}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("hemekg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var options = {{
    layout: {{ randomSeed: 7, improvedLayout: true }},
    nodes: {{ shape: "dot", size: 12, font: {{ size: 16 }} }},
    edges: {{ arrows: "to", font: {{ size: 10, align: "middle" }}, color: {{ color: "#888" }},
              smooth: {{ type: "dynamic" }} }},
    physics: {{ stabilization: {{ iterations: 400 }},
                barnesHut: {{ gravitationalConstant: -2500, centralGravity: 0.6,
                              springLength: 110, avoidOverlap: 0.2 }} }},
    interaction: {{ hover: true, tooltipDelay: 100 }}
  }};
  var network = new vis.Network(document.getElementById("network"),
                                {{ nodes: nodes, edges: edges }}, options);
  function rendered() {{ document.body.setAttribute("data-rendered-nodes", String(nodes.length)); }}
  network.once("stabilizationIterationsDone", function () {{ network.fit(); rendered(); }});
  network.once("afterDrawing", rendered);
  document.getElementById("search").addEventListener("change", function (event) {{
    var wanted = event.target.value.trim().toLowerCase();
    var hit = nodes.get({{ filter: function (n) {{
      return n.label.toLowerCase() === wanted || n.id.toLowerCase() === wanted; }} }})[0];
    if (hit) {{ network.selectNodes([hit.id]); network.focus(hit.id, {{ scale: 1.5 }}); }}
  }});
}})();
</script>
</body>
</html>
"""


def graph_html(graph: Graph, title: str = "hemekg knowledge graph") -> str:
    """The interactive page for ``graph`` as one string (all scripts and styles inlined)."""
    data = _graph_data(graph)
    vis_js, vis_css = vis_network_assets()
    present = sorted({node["group"] for node in data["nodes"]})
    legend = "".join(
        f'<span><i style="background:{TYPE_COLOURS.get(kind, "#999999")}"></i>'
        f"{html.escape(kind)}</span>"
        for kind in present
    )
    return _PAGE.format(
        title=html.escape(title),
        vis_css=vis_css,
        vis_js=vis_js,
        data=_json_for_script(data),
        legend=legend,
        node_count=len(data["nodes"]),
        edge_count=len(data["edges"]),
    )


def write_html(graph: Graph, path: Path | str, title: str = "hemekg knowledge graph") -> Path:
    """Write :func:`graph_html` to ``path`` atomically; return the path."""
    return atomic_write_text(Path(path), graph_html(graph, title))
