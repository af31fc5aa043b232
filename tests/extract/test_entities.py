"""Mentions: longest non-overlapping matches, offsets, acronym guard, inverted forms, coverage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hemekg.evaluate import scoring_key
from hemekg.extract.abbreviations import find_abbreviations
from hemekg.extract.entities import find_mention_candidates, find_mentions
from hemekg.extract.lexicon import Lexicon, default_lexicon
from hemekg.model import Entity, EntityType, Mention

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


def spans(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.entity.id) for m in mentions]


def test_offsets_index_the_text_and_mentions_do_not_overlap(lexicon: Lexicon) -> None:
    text = (
        "Chronic lymphocytic leukaemia is a cancer of the white blood cells.\n"
        "It can spread to the lymph nodes, spleen and liver; a bone-marrow biopsy helps."
    )
    mentions = find_mentions(text, lexicon)
    assert mentions
    previous_end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end
    assert spans(mentions) == [
        ("Chronic lymphocytic leukaemia", "DOID:1040"),
        ("cancer", "DOID:162"),
        ("white blood cells", "CL:0000738"),
        ("lymph nodes", "UBERON:0000029"),
        ("spleen", "UBERON:0002106"),
        ("liver", "UBERON:0002107"),
        ("bone-marrow biopsy", "HEMEKG:bone_marrow_biopsy"),
    ]


def test_longest_match_wins(lexicon: Lexicon) -> None:
    assert spans(find_mentions("acute myeloid leukemia", lexicon)) == [
        ("acute myeloid leukemia", "DOID:9119")
    ]
    assert spans(find_mentions("a bone marrow transplant", lexicon)) == [
        ("bone marrow transplant", "HEMEKG:bone_marrow_transplant")
    ]


def test_phrases_do_not_run_across_punctuation(lexicon: Lexicon) -> None:
    mentions = find_mentions("It starts in the bone. Marrow cells, blood.", lexicon)
    assert ("bone marrow", "UBERON:0002371") not in [
        (m.text.lower(), m.entity.id) for m in mentions
    ]


def test_inverted_form_in_text(lexicon: Lexicon) -> None:
    assert spans(find_mentions("Leukemia, Acute Myeloid: overview", lexicon)) == [
        ("Leukemia, Acute Myeloid", "DOID:9119")
    ]
    # an enumeration is not an inverted name: plural head, or more words after the modifier
    assert spans(find_mentions("two types of leukemias, acute and chronic", lexicon)) == [
        ("leukemias", "DOID:1240")
    ]
    assert spans(find_mentions("leukemia, acute myeloid, and others", lexicon)) == [
        ("leukemia", "DOID:1240")
    ]
    # a comma between two mentions that do not form an inverted name changes nothing
    assert spans(find_mentions("anemia, fatigue", lexicon)) == [
        ("anemia", "DOID:2355"),
        ("fatigue", "HP:0012378"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "All patients were seen.",
        "We treat all of them and all is well.",
        "ALL ABOUT BLOOD TESTS",  # shouting heading, not the acronym
        "Aml is not an acronym here.",
    ],
)
def test_the_word_all_never_grounds_to_acute_lymphoblastic_leukemia(
    lexicon: Lexicon, text: str
) -> None:
    grounded = {m.entity.id for m in find_mentions(text, lexicon)}
    assert "DOID:9952" not in grounded
    assert "DOID:9119" not in grounded


def test_acronyms_in_capitals_are_whole_tokens(lexicon: Lexicon) -> None:
    mentions = find_mentions("Children with ALL or AML; CLLs are rare. SMALL print.", lexicon)
    assert ("ALL", "DOID:9952") in spans(mentions)
    assert ("AML", "DOID:9119") in spans(mentions)
    assert all(m.text != "SMALL" for m in mentions)
    acronym = next(m for m in mentions if m.text == "AML")
    assert acronym.exact is False


def test_exact_flag(lexicon: Lexicon) -> None:
    (label,) = find_mentions("leukemia", lexicon)
    assert label.exact is True


def test_candidates_keep_every_type(lexicon: Lexicon) -> None:
    (group,) = find_mention_candidates("Chemotherapy", lexicon)
    assert [m.entity.type for m in group][:2] == [EntityType.TREATMENT, EntityType.CAUSE]
    assert {(m.start, m.end, m.text) for m in group} == {(0, 12, "Chemotherapy")}


def test_defined_abbreviations_resolve_in_the_rest_of_the_text(lexicon: Lexicon) -> None:
    first = "Juvenile myelomonocytic leukemia (JMML) is rare."
    later = "Most children with JMML need a transplant."
    abbreviations = find_abbreviations([first, later], lexicon)
    mentions = find_mentions(later, lexicon, abbreviations)
    assert ("JMML", "DOID:0050458") in spans(mentions)
    assert next(m for m in mentions if m.text == "JMML").exact is False


def test_abbreviation_overrides_an_unrelated_acronym(lexicon: Lexicon) -> None:
    custom = Entity("HEMEKG:all_project", "all project", EntityType.TREATMENT)
    mentions = find_mentions("ALL was used.", lexicon, {"ALL": custom})
    assert spans(mentions) == [("ALL", "HEMEKG:all_project")]


def test_empty_and_wordless_texts(lexicon: Lexicon) -> None:
    assert find_mentions("", lexicon) == []
    assert find_mentions(" ,.;\n ", lexicon) == []


def test_default_lexicon_is_used_when_none_is_given() -> None:
    assert spans(find_mentions("anaemia")) == [("anaemia", "DOID:2355")]


# ---------------------------------------------------------------- gold label coverage

#: gold entities that name no concept of an ontology or an everyday term (project
#: entities the relation extractor creates, or paraphrases); excluded from coverage.
NOT_LEXICAL = {
    "absence of body resistance",
    "functional leukopenia",
    "organic leukopenia",
    "physiological leukopenia",
    "myeloblastic leukemia",
}


def gold_entities() -> list[dict[str, Any]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(GOLD_DIR.glob("*.json")):
        for entity in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            seen.setdefault((entity["labels"][0], entity["type"]), entity)
    return [seen[key] for key in sorted(seen)]


def grounds_to(gold: dict[str, Any], lexicon: Lexicon) -> bool:
    """Some label of the gold entity, as a whole, grounds to an entity the scorer would match."""
    gold_labels = {scoring_key(label) for label in gold["labels"]}
    gold_xrefs = set(gold.get("xrefs") or ())
    for label in gold["labels"]:
        for group in find_mention_candidates(label, lexicon):
            for mention in group:
                if (mention.start, mention.end) != (0, len(label)):
                    continue
                entity = mention.entity
                names = {scoring_key(n) for n in (entity.label, mention.text, *entity.synonyms)}
                if {entity.id, *entity.xrefs} & gold_xrefs or names & gold_labels:
                    return True
    return False


def test_gold_entities_are_covered_by_the_lexicon(lexicon: Lexicon) -> None:
    entities = [e for e in gold_entities() if e["labels"][0] not in NOT_LEXICAL]
    missing = [e["labels"][0] for e in entities if not grounds_to(e, lexicon)]
    assert missing == []
    assert len(entities) >= 70
