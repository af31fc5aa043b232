"""Negation, speculation and hypothesis cues (hemekg.extract.negation) and their effect."""

from __future__ import annotations

import pytest

from hemekg.extract import extract_document
from hemekg.extract.negation import TRIGGERS, find_negation, retracted_by_next
from hemekg.model import Document, Sentence


def _negated(sentence: str, cue: str, obj: str) -> bool:
    start = sentence.index(cue)
    end = sentence.index(obj) + len(obj)
    return find_negation(sentence, start, end) is not None


@pytest.mark.parametrize(
    ("sentence", "cue", "obj"),
    [
        ("Anemia is not a type of leukemia.", "type of", "leukemia"),
        ("Polycythemia vera does not spread to the lymph nodes.", "spread", "lymph nodes"),
        ("There are no known risk factors for hairy cell leukemia.", "risk factors", "leukemia"),
        ("It is not clear what causes myelodysplastic syndromes.", "causes", "syndromes"),
        (
            "There is an opinion that low white cell counts, over many years, can cause leukemia.",
            "cause",
            "leukemia",
        ),
        ("Smoking is unlikely to cause aplastic anemia.", "cause", "anemia"),
        ("That vaccines cause ITP has not been proven.", "cause", "ITP"),
        (
            "Leukopenia is mistakenly identified with agranulocytosis.",
            "identified",
            "agranulocytosis",
        ),
        (
            "Such a link is considered at the hypothesis level only: leukopenia causes leukemia.",
            "causes",
            "leukemia",
        ),
    ],
)
def test_negated(sentence: str, cue: str, obj: str) -> None:
    assert _negated(sentence, cue, obj)


@pytest.mark.parametrize(
    ("sentence", "cue", "obj"),
    [
        ("Leukemia can affect children and adults.", "affect", "adults"),
        (
            "Leukemia is the only form of cancer, unlike others, which can not be prevented.",
            "form of",
            "cancer",
        ),
        ("Not only children but also adults get leukemia.", "get", "leukemia"),
        ("Stem cells do not mature, they become malignant.", "become", "malignant"),
        ("Myeloma is treated with chemotherapy.", "treated", "chemotherapy"),
    ],
)
def test_not_negated(sentence: str, cue: str, obj: str) -> None:
    assert not _negated(sentence, cue, obj)


@pytest.mark.parametrize(
    ("following", "retracts"),
    [
        ("To think so is delusion.", True),
        ("However, such a version is considered at the hypothesis level.", True),
        ("This has not been proven.", True),
        ("It is a myth that ITP is caused by vaccines.", False),
        ("Leukemia can affect children.", False),
        (None, False),
    ],
)
def test_retroactive(following: str | None, retracts: bool) -> None:
    assert (retracted_by_next(following) is not None) is retracts


def test_trigger_lists_are_shown() -> None:
    assert {"forward", "backward", "retroactive", "pseudo", "termination", "wide"} <= set(TRIGGERS)
    assert "no known" in TRIGGERS["forward"] and "has not been proven" in TRIGGERS["backward"]


def _document(*texts: str) -> Document:
    sentences, offset = [], 0
    for text in texts:
        sentences.append(Sentence(text, offset, offset + len(text)))
        offset += len(text) + 1
    return Document("neg.txt", "neg.txt", "text/plain", " ".join(texts), "0" * 64, tuple(sentences))


def test_denied_statements_are_flagged_never_positive() -> None:
    doc = _document(
        "Leukopenia is mistakenly identified with agranulocytosis, "
        "arguing that leukopenia is a type of agranulocytosis.",
        "To think so is delusion.",
        "Some people believe that mobile phones cause leukemia.",
        "This has not been proven.",
        "Myeloma does not spread to the brain.",
    )
    statements = extract_document(doc)
    assert statements, "the denied relations are kept, flagged"
    assert all(s.negated for s in statements)
    labels = {(s.subject.label, str(s.predicate), s.object.label) for s in statements}
    assert ("leukopenia", "subClassOf", "agranulocytosis") in labels


def test_hypothesis_in_next_sentence_negates() -> None:
    doc = _document(
        "There is an opinion that leukopenia can serve as an impetus "
        "to the development of leukemia.",
        "However, such a version is considered at the hypothesis level.",
        "Leukemia begins in the bone marrow.",
    )
    positive = [s for s in extract_document(doc) if not s.negated]
    assert [(s.subject.label, str(s.predicate)) for s in positive] == [("leukemia", "originatesIn")]
