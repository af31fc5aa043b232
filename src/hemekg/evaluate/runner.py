"""Path-level evaluation: find the documents of the gold files, extract, score.

A document that cannot be read is reported and skipped; the others are still scored
(its gold triples then count as missed, so a reading failure cannot raise the score).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hemekg.errors import HemekgError, UsageError
from hemekg.evaluate.gold import GoldDocument, load_gold_dir
from hemekg.evaluate.scoring import Evaluation, score
from hemekg.model import Statement
from hemekg.resources import corpus_dir

__all__ = ["EvaluationRun", "evaluate_paths", "resolve_documents"]


@dataclass(slots=True)
class EvaluationRun:
    """An evaluation and the documents that could not be read (``(path, message)``)."""

    evaluation: Evaluation
    statements: list[Statement] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def resolve_documents(
    golds: Sequence[GoldDocument], gold_dir: Path, documents: Sequence[Path] = ()
) -> list[Path]:
    """The document files to score.

    Without ``documents``, each gold file's ``document`` is looked up in the bundled
    corpus, then next to the gold folder (the folder itself and its parent).

    :raises UsageError: a named document has no gold file, or a gold document is nowhere.
    """
    if documents:
        annotated = {g.document for g in golds}
        for path in documents:
            if path.name not in annotated:
                raise UsageError("no gold file annotates this document", path)
        return list(documents)
    found = []
    places = (corpus_dir(), gold_dir, gold_dir.parent)
    for gold in golds:
        for place in places:
            candidate = place / gold.document
            if candidate.is_file():
                found.append(candidate)
                break
        else:
            raise UsageError(
                f"document {gold.document!r} not found in the corpus or next to the gold folder",
                gold.path,
            )
    return found


def evaluate_paths(gold_dir: Path | str, documents: Sequence[Path | str] = ()) -> EvaluationRun:
    """Read and extract the documents, then score them against the gold folder."""
    gold_dir = Path(gold_dir)
    golds = load_gold_dir(gold_dir)
    paths = resolve_documents(golds, gold_dir, [Path(d) for d in documents])

    from hemekg.extract import extract_document
    from hemekg.extract.lexicon import default_lexicon
    from hemekg.read import read_document

    wanted = {p.name for p in paths}
    golds = [g for g in golds if g.document in wanted]
    lexicon = default_lexicon()
    run = EvaluationRun(Evaluation())
    for path in paths:
        try:
            document = read_document(path)
        except HemekgError as error:
            run.failures.append((str(path), str(error)))
            continue
        run.statements.extend(extract_document(document, lexicon))
    run.evaluation = score(run.statements, golds)
    return run
