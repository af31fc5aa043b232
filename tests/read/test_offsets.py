"""The offset property on every reader, and robustness on arbitrary input (hypothesis)."""

# ruff: noqa: E501  (literal test documents read better unwrapped)

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hemekg.errors import ReadError
from hemekg.read import read_document

from .conftest import CORPUS, DOCS, assert_offsets

INPUTS = {
    "t.txt": "Title line\n\nFirst  sentence\twith   odd spacing. Second one!\n\n  * item one\n  * item two\n",
    "m.md": "# H\n\nA **bold** claim with [a link](http://x.org) here. Next.\n\n1. one;\n2. two;\n",
    "h.html": "<h1>T&amp;T</h1><p>Caf&eacute; &#233;t&#xE9; <i>x</i>y. Next&nbsp;one.</p><ul><li>a<li>b</ul>",
    "u.html": "<div><p>Unclosed <b>bold <p>New para. <li>stray item</div></span></p>More text.",
    "e.md": "Escapes \\* and \\_ here. Line  \nbreak.\n",
}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_offsets_on_small_inputs(write, name: str) -> None:
    document = read_document(write(name, INPUTS[name]))
    assert document.sentences
    assert_offsets(document)


@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.txt")) + sorted(DOCS.iterdir()), ids=lambda p: p.name
)
def test_offsets_on_corpus_and_fixtures(path: Path) -> None:
    document = read_document(path)
    assert document.sentences
    assert_offsets(document)


def test_plain_sentences_are_exact_source_slices(write) -> None:
    document = read_document(write("exact.txt", "Anemia is common. It is\ntreatable.\n"))
    for sentence in document.sentences:
        assert " ".join(document.source[sentence.start : sentence.end].split()) == sentence.text


def test_ten_thousand_nested_divs(write) -> None:
    depth = 10_000
    page = (
        "<html><body>"
        + "<div>" * depth
        + "<p>Deep leukemia text.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    document = read_document(write("deep.html", page))
    assert [s.text for s in document.sentences] == ["Deep leukemia text."]
    assert_offsets(document)


def test_ten_thousand_unclosed_tags(write) -> None:
    page = "<p>Start of text.</p>" + "<div><span><li>" * 3_000 + "Tail sentence here."
    document = read_document(write("unclosed.html", page))
    assert document.sentences[0].text == "Start of text."
    assert_offsets(document)


@pytest.mark.parametrize(
    "page",
    [
        "<p>Unclosed <b>bold and <i>italic</p><p>Next para.</p>",
        "</div></p></li><p>Stray end tags first.</p>",
        "<p>Broken <a href='x'>link</p> text after.",
        "<ul><li>one<li>two<ul><li>nested</ul><li>three</ul>",
        "<p>Attr <img src=x alt='a>b'> and <!-- comment <p>hidden</p> --> end.</p>",
        "<p>CDATA <![CDATA[x < y]]> and <?php echo 1; ?> here.</p>",
        "<p>Unterminated <script>var a = '</p>';",
        "<p>Entity &notanentity; &#99999999; &amp end.</p>",
        "<table><tr><td>Cell one.<td>Cell two.</table>",
    ],
)
def test_malformed_html_does_not_crash(write, page: str) -> None:
    try:
        document = read_document(write("bad.html", page))
    except ReadError:
        return
    assert_offsets(document)


def test_script_and_style_are_dropped(write) -> None:
    page = (
        "<html><head><style>p { content: 'Leukemia spreads to the brain.' }</style></head><body>"
        "<script>document.write('<p>Leukemia spreads to the liver.</p>')</script>"
        "<noscript><p>Please enable JavaScript.</p></noscript>"
        "<p>Leukemia spreads to the lymph nodes.</p>"
        '<script type=\'application/ld+json\'>{"text": "Anemia is caused by iron loss."}</script>'
        "</body></html>"
    )
    document = read_document(write("script.html", page))
    assert [s.text for s in document.sentences] == ["Leukemia spreads to the lymph nodes."]


_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
_MARKUP = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<li>",
        "<ul>",
        "</ul>",
        "<h2>",
        "</h2>",
        "<div>",
        "</div>",
        "<script>",
        "</script>",
        "&amp;",
        "&nbsp;",
        "&#233;",
        "<br>",
        "<a href='u'>",
        "</a>",
        "<!--",
        "-->",
        "# ",
        "\n",
        "\n\n",
        "* ",
        "1. ",
        "[",
        "](",
        ")",
        "![",
        "**",
        "_",
        "\\",
        ". ",
        "? ",
        ":",
        "Leukemia",
        " is ",
        "a cancer",
        "(ALL)",
        "e.g.",
        "U.S.",
        "\u00c3\u00b1",
        "\u2022 ",
    ]
)
_TEXT = st.lists(st.one_of(_MARKUP, st.text(max_size=12)), max_size=40).map("".join)


def _read_text(content: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        try:
            document = read_document(path)
        except ReadError:
            return
        assert_offsets(document)


@_SETTINGS
@given(content=_TEXT, suffix=st.sampled_from([".txt", ".md", ".html", ".xyz"]))
def test_arbitrary_text_raises_only_read_error_and_offsets_hold(content: str, suffix: str) -> None:
    _read_text(content, suffix)


@_SETTINGS
@given(content=st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_read_error(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(content)
        try:
            document = read_document(path)
        except ReadError:
            return
        assert_offsets(document)
