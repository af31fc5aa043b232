"""Boilerplate dropped vs prose kept, on small pages in several publishers' styles."""

# ruff: noqa: E501  (literal test documents read better unwrapped)

from __future__ import annotations

from pathlib import Path

import pytest

from hemekg.model import SentenceKind
from hemekg.read import explain, read_document

from .conftest import DOCS, assert_offsets


def _texts(path: Path) -> list[str]:
    return [s.text for s in read_document(path).sentences]


def _all_text(path: Path) -> str:
    return " | ".join(_texts(path))


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.iterdir()))
def test_fixture_pages_have_valid_offsets(name: str) -> None:
    assert_offsets(read_document(DOCS / name))


def test_medlineplus_like_page() -> None:
    path = DOCS / "medlineplus_like.txt"
    texts = _texts(path)
    # content kept, lists under their cue sentences kept
    for kept in [
        "Anemia is a condition in which the blood lacks healthy red blood cells.",
        "The main types of anemia are:",
        "Aplastic anemia (AA)",
        "Symptoms can include:",
        "fatigue",
        "Treatments may include iron supplements, blood transfusions and bone marrow transplantation.",
        # prose under a heading named like a link section is kept
        "Some anemias, such as sickle cell anemia, are inherited from both parents.",
    ]:
        assert kept in texts
    # the description adds its one new sentence; the duplicate is kept once (body)
    assert texts[0] == "Iron deficiency is the most common cause."
    assert (
        texts.count("Anemia is a condition in which the blood lacks healthy red blood cells.") == 1
    )
    joined = " | ".join(texts)
    for dropped in [
        "Skip navigation",
        "Menu",
        "Health Topics",
        "Search",
        "GO",
        "Home",
        "You Are Here",
        "URL of this page",
        "sharing features",
        "Keywords",
        "Example Health Library",
        "Start Here",
        "Also in Spanish",
        "American Society of Hematology",
        "Related Health Topics",
        "Blood Disorders",
        "Journal Articles",
        "Article:",
        "see more articles",
        "References",
        "Textbook",
        "Review Date",
        "Updated by",
        "Copyright",
        "NIH:",
        "Thalassemia",
    ]:
        assert dropped not in joined, dropped
    assert "Genetics" in texts  # its heading stays because prose under it stays


def test_medlineplus_like_blocks() -> None:
    document = read_document(DOCS / "medlineplus_like.txt")
    description = document.sentences[0]
    assert description.kind is SentenceKind.TEXT and description.section == ""
    assert description.block not in {s.block for s in document.sentences[1:]}
    lead = next(s for s in document.sentences if s.text == "Symptoms can include:")
    fatigue = next(s for s in document.sentences if s.text == "fatigue")
    assert fatigue.kind is SentenceKind.LIST_ITEM and fatigue.block == lead.block + 1
    blocks = [s.block for s in document.sentences]
    assert blocks == sorted(blocks) and set(blocks) == set(range(blocks[-1] + 1))


def test_nhs_like_page() -> None:
    document = read_document(DOCS / "nhs_like.html")
    texts = [s.text for s in document.sentences]
    assert document.title == "Thrombocytopenia"
    assert texts == [
        "Thrombocytopenia",
        "Thrombocytopenia is a low number of platelets in the blood.",
        "Platelets help the blood to clot.",
        "Symptoms of thrombocytopenia",
        "Symptoms can include:",
        "bruising easily",
        "bleeding gums",
        "tiny red spots on the skin (petechiae)",
        "Causes of thrombocytopenia",
        "It can be caused by leukaemia, some medicines, or an infection such as dengue fever.",
    ]


def test_mayo_like_page() -> None:
    joined = _all_text(DOCS / "mayo_like.html")
    for kept in [
        "Polycythemia vera (PV) is a type of blood cancer.",
        "Dr. Lee, M.D., notes that it is found in about 2.5 people per 100,000 in the U.S. each year.",
        "Common signs and symptoms include:",
        "Enlarged spleen",
        "Polycythemia vera is diagnosed with a complete blood count & a bone marrow biopsy.",
    ]:
        assert kept in joined
    for dropped in [
        "Care at Example Clinic",
        "Advertisement",
        "Call us",
        "Share on Facebook",
        "Associated Procedures",
        "Terms and Conditions",
        "English version",
        "All rights reserved",
    ]:
        assert dropped not in joined, dropped


def test_hospital_plain_text_page() -> None:
    document = read_document(DOCS / "hospital.txt")
    texts = [s.text for s in document.sentences]
    assert document.title == "Sickle cell disease in children"
    assert texts[:8] == [
        "Sickle cell disease in children",
        "Sickle cell disease is an inherited disorder of the red blood cells.",
        "It is common in children whose families come from Africa, the Caribbean or the Middle East.",
        "What are the symptoms?",
        "The most common symptoms are:",
        "painful episodes (crises)",
        "anaemia",
        "frequent infections.",
    ]
    joined = " | ".join(texts)
    assert "Treatment includes hydroxyurea and, in some cases, a stem cell transplant." in texts
    for dropped in ["Useful links", "Sickle Cell Society", "please contact", "+44", "\u00a9"]:
        assert dropped not in joined, dropped


def test_explain_lists_each_drop_with_its_rule() -> None:
    report = explain(DOCS / "nhs_like.html")
    rules = {item.rule for item in report.dropped}
    assert {
        "html:<nav>",
        "html:<header>",
        "html:<footer>",
        "html:<figure>",
        "link-list",
        "date-line",
        "duplicate-description",
    } <= rules
    assert report.reader == "html" and report.encoding == "utf-8"
    assert "link-list" in str(report)


@pytest.mark.parametrize(
    "sentence",
    [
        "Treatments may include chemotherapy, radiation and stem cell transplantation.",
        "Leukemia can affect children and adults.",
        "Call your doctor if the bleeding does not stop.",
        "Contact with benzene increases the risk of leukemia.",
        "Genetics play a role in some anemias.",
    ],
)
def test_ordinary_sentences_are_never_dropped(write, sentence: str) -> None:
    for name, content in [
        ("p.txt", f"{sentence}\n"),
        ("p.md", f"# Topic\n\n{sentence}\n"),
        ("p.html", f"<h1>Topic</h1><p>{sentence}</p>"),
        ("q.md", f"## Related Health Topics\n\n{sentence}\n"),
    ]:
        assert sentence in _texts(write(name, content)), (name, sentence)


def test_cue_list_is_kept_even_with_title_case_items(write) -> None:
    content = "# Leukemia\n\nThe main types of leukemia are:\n\n* Acute Myeloid Leukemia\n* Chronic Myeloid Leukemia\n"
    texts = _texts(write("types.md", content))
    assert texts[-2:] == ["Acute Myeloid Leukemia", "Chronic Myeloid Leukemia"]


@pytest.mark.parametrize("heading", ["Symptoms", "Types of leukaemia", "Treatment options"])
def test_bare_list_under_a_content_heading_is_kept(write, heading: str) -> None:
    content = f"# Leukemia\n\nLeukemia is a cancer.\n\n## {heading}\n\n- Night Sweats\n- Weight Loss\n- Chemotherapy\n"
    assert _texts(write("bare.md", content))[-3:] == ["Night Sweats", "Weight Loss", "Chemotherapy"]


def test_bare_title_case_list_under_a_link_heading_is_dropped(write) -> None:
    content = "# Leukemia\n\nLeukemia is a cancer.\n\n## Related Health Topics\n\n- Acute Myeloid Leukemia\n- Childhood Leukemia\n"
    assert "Childhood Leukemia" not in _texts(write("related.md", content))


@pytest.mark.parametrize(
    ("content", "gone"),
    [
        (
            "# A\n\nText is here.\n\n![Bone marrow](//x.org/bm.jpg)Bone marrow aspiration\n",
            "aspiration",
        ),
        (
            "# A\n\nText is here.\n\n[Home](#) \u2192 [Health Topics](#) \u2192 Anemia\n",
            "Health Topics",
        ),
        ("# A\n\nText is here.\n\nShow More Show Less\n", "Show"),
        (
            "# A\n\nText is here.\n\nLink: https://x.org/a\nKeywords: anemia, blood\n",
            "anemia, blood",
        ),
        (
            "# A\n\nText is here.\n\nThis site should not be used as a substitute for medical advice.\n",
            "substitute",
        ),
        ("# A\n\nText is here.\n\nPlease contact us at 555-123-4567 for details.\n", "contact"),
        (
            "# A\n\nText is here.\n\n## Review Date 1/1/2020\n\nReviewed by a panel of experts.\n",
            "panel",
        ),
    ],
)
def test_boilerplate_kinds_are_dropped(write, content: str, gone: str) -> None:
    joined = " | ".join(_texts(write("b.md", content)))
    assert "Text is here." in joined
    assert gone not in joined


@pytest.mark.parametrize(
    ("markup", "visible"),
    [
        ("It contains **stem cells** [<https://x.org/sc>] .", "It contains stem cells."),
        ("See [the guide](https://x.org/g) for _more_ detail.", "See the guide for more detail."),
        (
            "Inline images ![alt text](https://x.org/a.png) are dropped from a long sentence of"
            " prose that is clearly not a caption.",
            "Inline images are dropped from a long sentence of prose that is clearly not a caption.",
        ),
        ("Bare <https://x.org> and https://x.org/y links go.", "Bare and links go."),
        ("Escapes like \\- and \\* stay as text.", "Escapes like - and * stay as text."),
        ("A [[https://x.org/a#\\\\_1](https://x.org/a#_1)] nested ref.", "A nested ref."),
        ("Snake_case words keep their underscores.", "Snake_case words keep their underscores."),
    ],
)
def test_markdown_inline_markup_is_removed(write, markup: str, visible: str) -> None:
    document = read_document(write("inline.md", f"# T\n\n{markup}\n"))
    assert document.sentences[-1].text == visible
    assert_offsets(document)


def test_glossary_links_under_a_cue_are_content(write) -> None:
    page = (
        "<h1>Leukaemia</h1><p>Symptoms can include:</p><ul>"
        "<li><a href='/conditions/anaemia'>anaemia</a></li>"
        "<li><a href='/conditions/fever'>fever</a></li></ul>"
        "<h2>More on leukaemia</h2><ul><li><a href='/a'>anaemia</a></li><li><a href='/b'>fever</a></li></ul>"
    )
    document = read_document(write("glossary.html", page))
    items = [s for s in document.sentences if s.kind is SentenceKind.LIST_ITEM]
    assert [(s.text, s.section) for s in items] == [
        ("anaemia", "Leukaemia"),
        ("fever", "Leukaemia"),
    ]
