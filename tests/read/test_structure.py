"""Headings, lists, lead sentences, blocks, titles and ids."""

# ruff: noqa: E501  (literal test documents read better unwrapped)

from __future__ import annotations

import pytest

from hemekg.model import SentenceKind
from hemekg.read import read_document

from .conftest import assert_offsets

H, T, L = SentenceKind.HEADING, SentenceKind.TEXT, SentenceKind.LIST_ITEM


def _rows(document):
    return [(s.kind, s.text, s.section, s.block) for s in document.sentences]


MARKDOWN = """# Anemia

Anemia is a lack of healthy red
blood cells. It is common.

## Types

The main types of anemia are:

* Iron deficiency anemia
- Aplastic anemia (AA)
+ Sickle cell anemia

Symptoms can include:

1. fatigue;
2) pale skin;

Causes
------

It can be caused by **blood loss** and [kidney disease](https://example.org/kd).
"""


def test_markdown_structure(write) -> None:
    document = read_document(write("anemia.md", MARKDOWN))
    assert document.media_type == "text/markdown"
    assert document.title == "Anemia"
    assert _rows(document) == [
        (H, "Anemia", "Anemia", 0),
        (T, "Anemia is a lack of healthy red blood cells.", "Anemia", 1),
        (T, "It is common.", "Anemia", 1),
        (H, "Types", "Types", 2),
        (T, "The main types of anemia are:", "Types", 3),
        (L, "Iron deficiency anemia", "Types", 4),
        (L, "Aplastic anemia (AA)", "Types", 4),
        (L, "Sickle cell anemia", "Types", 4),
        (T, "Symptoms can include:", "Types", 5),
        (L, "fatigue", "Types", 6),
        (L, "pale skin", "Types", 6),
        (H, "Causes", "Causes", 7),
        (T, "It can be caused by blood loss and kidney disease.", "Causes", 8),
    ]
    assert_offsets(document)


def test_lead_sentence_is_one_block_before_its_list(write) -> None:
    document = read_document(
        write(
            "lead.txt",
            "Bone marrow is soft. Like a factory, the bone marrow produces:\n\n"
            "  \u2022 red blood cells\n  \u2022 platelets\n",
        )
    )
    lead = next(s for s in document.sentences if s.text.endswith(":"))
    items = [s for s in document.sentences if s.kind is L]
    assert [s.text for s in items] == ["red blood cells", "platelets"]
    assert {s.block for s in items} == {lead.block + 1}


def test_two_lists_get_different_blocks(write) -> None:
    document = read_document(
        write("two.md", "Types are:\n\n* a one\n* b two\n\nSigns are:\n\n* c three\n")
    )
    blocks = {s.text: s.block for s in document.sentences}
    assert blocks["a one"] == blocks["b two"] != blocks["c three"]
    assert blocks["Signs are:"] == blocks["c three"] - 1


def test_item_with_several_sentences_and_continuation_lines(write) -> None:
    text = "Facts:\n\n- Leukemia starts in the marrow. It spreads to\n  the blood.\n- Anemia is common.\n"
    document = read_document(write("items.md", text))
    items = [s for s in document.sentences if s.kind is L]
    assert [s.text for s in items] == [
        "Leukemia starts in the marrow.",
        "It spreads to the blood.",
        "Anemia is common.",
    ]
    assert len({s.block for s in items}) == 1
    assert_offsets(document)


def test_plain_text_headings_are_inferred_only_without_markup(write) -> None:
    text = "Leukemia in adults\n\nLeukemia is a cancer.\n\nWhat is bone marrow?\n\nIt is soft tissue.\n"
    document = read_document(write("plain.txt", text))
    assert document.title == "Leukemia in adults"
    assert [(s.kind, s.section) for s in document.sentences] == [
        (H, "Leukemia in adults"),
        (T, "Leukemia in adults"),
        (H, "What is bone marrow?"),
        (T, "What is bone marrow?"),
    ]


def test_hard_wrapped_paragraph_is_joined(write) -> None:
    document = read_document(
        write("wrap.txt", "Leukemia leads to an uncontrolled\nincrease in white\r\nblood cells.\n")
    )
    assert [s.text for s in document.sentences] == [
        "Leukemia leads to an uncontrolled increase in white blood cells."
    ]
    assert_offsets(document)


HTML = """<html><head><title>Page title</title></head><body>
<h1>Leuk&aelig;mia</h1>
<p>Leukaemia is a cancer of the <a href="/wbc">white blood cells</a>.
It starts in the <b>bone</b> marrow.</p>
<h2>Symptoms</h2>
<p>Symptoms can include:</p>
<ul><li>pale skin<li>tiredness</li></ul>
<ol><li>fever &amp; chills</li></ol>
<h3>Rare signs</h3><p>Bone pain is rare.</p>
</body></html>"""


def test_html_structure(write) -> None:
    document = read_document(write("page.html", HTML))
    assert document.media_type == "text/html"
    assert document.title == "Leuk\u00e6mia"
    assert _rows(document) == [
        (H, "Leuk\u00e6mia", "Leuk\u00e6mia", 0),
        (T, "Leukaemia is a cancer of the white blood cells.", "Leuk\u00e6mia", 1),
        (T, "It starts in the bone marrow.", "Leuk\u00e6mia", 1),
        (H, "Symptoms", "Symptoms", 2),
        (T, "Symptoms can include:", "Symptoms", 3),
        (L, "pale skin", "Symptoms", 4),
        (L, "tiredness", "Symptoms", 4),
        (L, "fever & chills", "Symptoms", 5),
        (H, "Rare signs", "Rare signs", 6),
        (T, "Bone pain is rare.", "Rare signs", 7),
    ]
    assert_offsets(document)


def test_html_title_falls_back_to_title_element(write) -> None:
    document = read_document(
        write("t.htm", "<title>Anemia &amp; you</title><p>Anemia is common.</p>")
    )
    assert document.title == "Anemia & you"


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("page", "<!DOCTYPE html><html><body><p>Anemia is common.</p></body></html>", "text/html"),
        ("page.dat", "<div><p>Anemia is common.</p></div>", "text/html"),
        ("notes", "# Anemia\n\nAnemia is common.\n", "text/markdown"),
        ("notes.log", "Anemia is common.\n", "text/plain"),
        ("page.txt", "<!doctype html><p>Anemia is common.</p>", "text/html"),
    ],
)
def test_reader_is_sniffed_from_content(write, name: str, content: str, media_type: str) -> None:
    document = read_document(write(name, content))
    assert document.media_type == media_type
    assert [s.text for s in document.sentences][-1] == "Anemia is common."


def test_document_id_and_path(write) -> None:
    path = write("000_abc.txt", "Anemia is common.")
    document = read_document(path)
    assert document.id == "000_abc.txt"
    assert document.path == str(path)


def test_reading_twice_gives_identical_documents(write) -> None:
    path = write("same.md", MARKDOWN)
    assert read_document(path) == read_document(path)


def test_classic_mac_line_endings(write) -> None:
    document = read_document(
        write("mac.txt", "# Anemia\r\rAnemia is\rcommon.\r\r* fatigue\r* pallor\r")
    )
    assert [s.text for s in document.sentences] == [
        "Anemia",
        "Anemia is common.",
        "fatigue",
        "pallor",
    ]


def test_unindented_line_after_a_list_starts_a_paragraph(write) -> None:
    text = "Symptoms include:\n- fever\n- tired and\nweak muscles\nTreatment is rest.\n- item one  \nSecond line\n"
    document = read_document(write("after.txt", text))
    rows = [(s.kind, s.text) for s in document.sentences]
    assert rows == [
        (T, "Symptoms include:"),
        (L, "fever"),
        (L, "tired and weak muscles"),
        (T, "Treatment is rest."),
        (L, "item one Second line"),
    ]


def test_run_on_cue_without_colon_is_kept_before_its_list(write) -> None:
    text = "# Leukemia\n\nThere are different types of leukemia, including\n\n* Acute leukemia\n* Chronic leukemia\n\nNIH: National Cancer Institute\n\nsee the list of\n"
    document = read_document(write("cue.md", text))
    rows = [(s.kind, s.text, s.block) for s in document.sentences]
    assert rows == [
        (H, "Leukemia", 0),
        (T, "There are different types of leukemia, including", 1),
        (L, "Acute leukemia", 2),
        (L, "Chronic leukemia", 2),
    ]


def test_plain_text_title_line_glued_to_its_paragraph_is_a_heading(write) -> None:
    text = (
        "Polycythaemia\n\n"
        "Outlook\nMost people live for many years with good care and regular checks.\n\n"
        "How is it found?\nA blood test.\n\n"
        "The blood makes too many red cells in this condition, and the extra cells make the\n"
        "blood thicker than normal.\n"
    )
    document = read_document(write("glued.txt", text))
    assert [(s.kind, s.text, s.section) for s in document.sentences] == [
        (H, "Polycythaemia", "Polycythaemia"),
        (H, "Outlook", "Outlook"),
        (T, "Most people live for many years with good care and regular checks.", "Outlook"),
        (H, "How is it found?", "How is it found?"),
        (T, "A blood test.", "How is it found?"),
        (
            T,
            "The blood makes too many red cells in this condition, and the extra cells make "
            "the blood thicker than normal.",
            "How is it found?",
        ),
    ]
