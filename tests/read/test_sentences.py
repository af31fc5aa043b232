"""Sentence splitting: boundaries, abbreviations, decimals, parentheses."""

from __future__ import annotations

import pytest

from hemekg.read.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anemia is common. It is treatable!", ["Anemia is common.", "It is treatable!"]),
        ("Is it serious? Sometimes.", ["Is it serious?", "Sometimes."]),
        (
            "Use e.g. iron or i.e. tablets. Then rest.",
            ["Use e.g. iron or i.e. tablets.", "Then rest."],
        ),
        ("Dr. Smith treats it. Prof. Lee agrees.", ["Dr. Smith treats it.", "Prof. Lee agrees."]),
        (
            "Rates in the U.S. National survey rose. Next.",
            ["Rates in the U.S. National survey rose.", "Next."],
        ),
        ("The dose is 2.5 mg daily. Stop if sick.", ["The dose is 2.5 mg daily.", "Stop if sick."]),
        (
            "Acute lymphoblastic leukemia (ALL) is common. AML is rarer.",
            ["Acute lymphoblastic leukemia (ALL) is common.", "AML is rarer."],
        ),
        (
            "Cells (see Fig. 2. Left panel) grow. Next.",
            ["Cells (see Fig. 2. Left panel) grow.", "Next."],
        ),
        (
            "Bleeding, bruising, etc. The blasts spread.",
            ["Bleeding, bruising, etc.", "The blasts spread."],
        ),
        ("Fever, pain, etc. are common.", ["Fever, pain, etc. are common."]),
        ("He said \u201cstop.\u201d Then left.", ["He said \u201cstop.\u201d", "Then left."]),
        (
            "Typhoid fever; viral diseases; starvation.",
            ["Typhoid fever; viral diseases; starvation."],
        ),
        ("  padded text  ", ["padded text"]),
        ("", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert _split(text) == expected
