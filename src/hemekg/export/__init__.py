"""Exports of the knowledge graph (owned by the export developer; see files.py for atomic writes)."""
