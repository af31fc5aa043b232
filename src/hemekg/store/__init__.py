"""The persistent store behind incremental builds, sharded validation and ``hemekg serve``.

Oxigraph (pyoxigraph) on disk, the graph in its default graph, plus a manifest of each
source document's content hash and lines: see :mod:`hemekg.store.oxigraph` and
:mod:`hemekg.store.incremental`.
"""

from hemekg.store.incremental import StoreUpdate, document_ntriples, file_sha256, update_store
from hemekg.store.oxigraph import GraphStore, ManifestEntry, is_store

__all__ = [
    "GraphStore",
    "ManifestEntry",
    "StoreUpdate",
    "document_ntriples",
    "file_sha256",
    "is_store",
    "update_store",
]
