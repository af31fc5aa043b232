"""The persistent store behind incremental builds, sharded validation and ``hemekg serve``.

Oxigraph (pyoxigraph) on disk, one named graph per source document, plus a manifest of
content hashes: see :mod:`hemekg.store.oxigraph` and :mod:`hemekg.store.incremental`.
"""

from hemekg.store.incremental import StoreUpdate, document_ntriples, file_sha256, update_store
from hemekg.store.oxigraph import GraphStore, ManifestEntry, document_graph, is_store

__all__ = [
    "GraphStore",
    "ManifestEntry",
    "StoreUpdate",
    "document_graph",
    "document_ntriples",
    "file_sha256",
    "is_store",
    "update_store",
]
