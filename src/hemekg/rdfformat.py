"""The RDF serialisations hemekg reads and writes: one list for every command.

Readers (``hemekg validate``, ``diff``, ``query``) and writers (``hemekg export``, the
build outputs, the SPARQL endpoint's content negotiation) name formats the same way:
by the name a user types (``--input-format turtle``), a file suffix or a media type.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from hemekg.errors import UsageError

__all__ = ["RdfFormat"]


class RdfFormat(Enum):
    """An RDF serialisation: user-facing name, rdflib plug-in, file suffixes, media type."""

    TURTLE = ("turtle", "turtle", (".ttl", ".turtle"), "text/turtle")
    NTRIPLES = ("ntriples", "nt", (".nt", ".ntriples"), "application/n-triples")
    RDFXML = ("rdfxml", "xml", (".rdf", ".owl", ".xml"), "application/rdf+xml")
    JSONLD = ("jsonld", "json-ld", (".jsonld", ".json"), "application/ld+json")

    def __init__(
        self, user_name: str, plugin: str, suffixes: tuple[str, ...], media_type: str
    ) -> None:
        self.user_name = user_name
        self.plugin = plugin
        self.suffixes = suffixes
        self.media_type = media_type

    @property
    def suffix(self) -> str:
        """The preferred file suffix (``.ttl``, ``.nt``, ``.rdf``, ``.jsonld``)."""
        return self.suffixes[0]

    @classmethod
    def user_names(cls) -> list[str]:
        """The names ``--input-format`` accepts, in a stable order."""
        return [fmt.user_name for fmt in cls]

    @classmethod
    def from_suffix(cls, suffix_or_path: str | Path) -> RdfFormat:
        """The format of a file suffix (``.ttl``) or of a path's suffix.

        >>> RdfFormat.from_suffix("graph.jsonld").name
        'JSONLD'

        :raises UsageError: no RDF format has that suffix.
        """
        text = str(suffix_or_path)
        suffix = text if text.startswith(".") and "/" not in text else Path(text).suffix
        for fmt in cls:
            if suffix.lower() in fmt.suffixes:
                return fmt
        known = ", ".join(s for fmt in cls for s in fmt.suffixes)
        raise UsageError(
            f"cannot tell the RDF format from the suffix {suffix or '(none)'!r} (known: {known})"
        )

    @classmethod
    def from_media_type(cls, media_type: str) -> RdfFormat:
        """The format of a media type (parameters such as ``; charset=utf-8`` ignored).

        :raises UsageError: no RDF format has that media type.
        """
        base = media_type.split(";", 1)[0].strip().lower()
        for fmt in cls:
            if fmt.media_type == base:
                return fmt
        raise UsageError(f"no RDF format for media type {media_type!r}")

    @classmethod
    def from_name(cls, name: str) -> RdfFormat:
        """The format of a user-facing name: ``turtle``, ``ntriples``, ``rdfxml``, ``jsonld``
        or a common alias (``ttl``, ``nt``, ``xml``, ``rdf``, ``owl``, ``json-ld``, ``json``).

        :raises UsageError: unknown name.
        """
        key = name.strip().lower().replace("-", "").replace("_", "").replace("/", "")
        for fmt in cls:
            aliases = {fmt.user_name, fmt.plugin.replace("-", "")}
            aliases.update(s.lstrip(".") for s in fmt.suffixes)
            if key in aliases:
                return fmt
        known = ", ".join(cls.user_names())
        raise UsageError(f"unknown RDF format {name!r} (known: {known})")
