"""Entity triples stored once for all documents, with reference counts.

Every document graph describes each entity it mentions (type, labels, xrefs) and holds
the direct relation triples between entities: about 60% of its lines, repeated in every
document that mentions the same entities. So a line whose subject is an entity IRI is
loaded once, and the manifest counts how many stored documents hold it (``shared_refs``:
16-byte BLAKE2b digest of the line -> count); the line leaves the dataset when its count
drops to zero.

Counts change in memory while an update runs and are written once at its end
(:meth:`SharedLines.commit`): a count row per batch of documents would rewrite most of
the table each time. A meta flag says whether the table matches the manifest; an update
that dies before committing leaves it unset, and the next one reloads the dataset and
rebuilds the counts from the documents' stored N-Triples
(:meth:`hemekg.store.oxigraph.GraphStore.repair`).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Iterator

import pyoxigraph as ox

from hemekg.namespaces import HKE

__all__ = ["SharedLines", "load_lines", "own_lines", "split_lines"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS shared_refs (
    hash BLOB PRIMARY KEY,
    refs INTEGER NOT NULL
) WITHOUT ROWID;
"""
_ENTITY_SUBJECT = b"<" + str(HKE).encode()
_VALID_KEY = "shared-refs"
_CHUNK = 500  # bound parameters per SQL statement


def load_lines(store: ox.Store, data: bytes) -> None:
    """Bulk-load N-Triples lines the workers rendered into the store's default graph.

    Leniently: Oxigraph then skips its IRI and language-tag checks, a sixth of the load's
    CPU (the lines of 5,000 generated documents: 4.2 s -> 3.3-3.6 s). Every line loaded
    here was rendered by :class:`hemekg.build.terms.NTriplesTerms` (exactly what rdflib's
    N-Triples serialiser writes, refusing the IRIs rdflib refuses) from absolute IRIs the
    project mints or maps; the store never loads user RDF this way.
    """
    store.bulk_load(data, ox.RdfFormat.N_TRIPLES, lenient=True)


def split_lines(ntriples: bytes) -> tuple[bytes, list[bytes]]:
    """A document graph (sorted N-Triples): (its own lines as N-Triples, its entity lines
    without newlines). Sorted, the entity lines are one stretch: two searches find it."""
    if ntriples.startswith(_ENTITY_SUBJECT):
        first = 0
    else:
        first = ntriples.find(b"\n" + _ENTITY_SUBJECT) + 1
        if first == 0:
            return ntriples, []
    last = ntriples.rfind(b"\n" + _ENTITY_SUBJECT) + 1
    end = ntriples.index(b"\n", last) + 1
    return ntriples[:first] + ntriples[end:], ntriples[first : end - 1].split(b"\n")


def own_lines(ntriples: bytes) -> list[bytes]:
    """The lines of a document graph (sorted N-Triples) that are not entity lines: its
    statement nodes and description, without newlines."""
    own, _ = split_lines(ntriples)
    return own.split(b"\n")[:-1] if own else []


def _digest(line: bytes) -> bytes:
    return hashlib.blake2b(line, digest_size=16).digest()


def _chunks(items: list[bytes]) -> Iterator[list[bytes]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


class SharedLines:
    """The entity lines of the dataset and their reference counts (see the module
    docstring)."""

    def __init__(self, store: ox.Store, db: sqlite3.Connection) -> None:
        self._store = store
        self._db = db
        #: count changes of this update, by line; a line with an entry (even zero) is in
        #: the dataset until :meth:`commit` (nothing else is kept per line: at
        #: 100,000 documents there are over a million distinct entity lines)
        self._deltas: Counter[bytes] = Counter()
        self._dirty = False
        self._none_stored = False
        #: lines the last :meth:`commit` brought into / took out of the dataset: what the
        #: graph gained and lost among entity lines (the rest were held before and after
        #: by some other document)
        self.entered: set[bytes] = set()
        self.left: set[bytes] = set()

    def _persisted(self, lines: list[bytes]) -> dict[bytes, int]:
        """Stored counts of ``lines`` (absent lines are not in the result)."""
        by_digest = {_digest(line): line for line in lines}
        found: dict[bytes, int] = {}
        for chunk in _chunks(list(by_digest)):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT hash, refs FROM shared_refs WHERE hash IN ({marks})"
            for digest, refs in self._db.execute(query, chunk):
                found[by_digest[bytes(digest)]] = int(refs)
        return found

    def _begin(self) -> None:
        if not self._dirty:
            self._db.execute("DELETE FROM meta WHERE key = ?", (_VALID_KEY,))
            self._db.commit()
            self._dirty = True
            # a first build finds no stored count: no need to look any up
            found = self._db.execute("SELECT 1 FROM shared_refs LIMIT 1").fetchone()
            self._none_stored = found is None

    def add(self, lines: list[bytes]) -> bytes:
        """Count a stored document's entity lines (distinct); return the N-Triples of those
        the dataset does not hold yet (to load with the batch)."""
        self._begin()
        deltas = self._deltas
        candidates = sorted({line for line in lines if line not in deltas})
        deltas.update(lines)
        if not candidates:
            return b""
        held = {} if self._none_stored else self._persisted(candidates)
        return b"".join(line + b"\n" for line in candidates if held.get(line, 0) <= 0)

    def remove(self, lines: list[bytes]) -> None:
        """Uncount the entity lines of a document's old graph (:func:`split_lines`)."""
        self._begin()
        deltas = self._deltas
        for line in lines:
            deltas[line] -= 1

    def commit(self) -> None:
        """Write the counts changed by this update; drop lines no document holds now.
        Sets :attr:`entered` and :attr:`left` (a count going from zero / to zero)."""
        self.entered, self.left = set(), set()
        if not self._dirty:
            return
        changed = [line for line, delta in self._deltas.items() if delta]
        persisted = self._persisted(changed)
        keep: list[tuple[bytes, int]] = []
        gone: list[bytes] = []
        for line in changed:
            before = persisted.get(line, 0)
            refs = before + self._deltas[line]
            if refs > 0:
                keep.append((_digest(line), refs))
                if before <= 0:
                    self.entered.add(line)
            else:
                gone.append(line)
        self.left = set(gone)
        self._db.executemany("INSERT OR REPLACE INTO shared_refs VALUES (?, ?)", keep)
        self._db.executemany("DELETE FROM shared_refs WHERE hash = ?",
                             [(_digest(line),) for line in gone])
        if gone:
            data = b"".join(line + b"\n" for line in gone)
            for triple in ox.parse(data, ox.RdfFormat.N_TRIPLES):
                self._store.remove(ox.Quad(triple.subject, triple.predicate, triple.object))
        self._settled()

    def _settled(self) -> None:
        """Mark the counts as matching the manifest and start the next update afresh."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, 'valid')", (_VALID_KEY,))
        self._db.commit()
        self._deltas.clear()
        self._dirty = False

    def is_valid(self) -> bool:
        """True when the counts match the manifest (the last update committed them)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (_VALID_KEY,)).fetchone()
        return row is not None and row[0] == "valid"

    def repair(self, counts: Counter[bytes]) -> None:
        """Replace every count by ``counts`` (recounted from the stored document graphs)
        and load their lines into the dataset, which holds none of them: after an update
        that did not finish."""
        self._db.execute("DELETE FROM shared_refs")
        self._db.executemany(
            "INSERT INTO shared_refs VALUES (?, ?)",
            ((_digest(line), refs) for line, refs in counts.items()),
        )
        lines = sorted(counts)
        for start in range(0, len(lines), 200_000):
            part = lines[start : start + 200_000]
            load_lines(self._store, b"".join(line + b"\n" for line in part))
        self._store.flush()
        self._settled()
