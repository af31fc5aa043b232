"""Text normalisation shared by lexicon keys and document text.

Lexicon look-up only works if a synonym and the words of a document are folded by the
*same* function, so both go through :func:`tokenize` / :func:`normalize` here:

* one regular expression splits text into word tokens; hyphens, slashes and other
  punctuation separate tokens, so "bone-marrow", "bone marrow", "X-ray" and "x ray" agree;
* each token is lower-cased, British spellings are folded to American ones
  (leukaemia -> leukemia, haem -> hem, tumour -> tumor, oedema -> edema), a possessive
  "'s" is dropped, and plural endings are folded ("leukemias", "ovaries", "testes",
  "lymph nodes", "children");
* folded tokens are cached, so normalising a large text costs one regex pass plus
  dictionary hits.

The annotation guidelines' coarser scoring normalisation is the evaluator's own
(:func:`hemekg.evaluate.scoring_key`), kept apart so that scores cannot drift with this
module.

>>> normalize("Leukaemias, acute myeloid")
'leukemia acute myeloid'
>>> normalize("bone-marrow X-rays")
'bone marrow x ray'
>>> invert("leukemia, acute myeloid")
'acute myeloid leukemia'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "NORMALIZER_VERSION",
    "TOKEN_PATTERN",
    "fold_british",
    "fold_token",
    "fold_tokens",
    "invert",
    "normalize",
    "tokenize",
]

#: bump whenever a rule below changes: lexicon.tsv stores keys computed by this version
#: (rebuild it with scripts/build_lexicon.py; an older file is re-normalised at load).
NORMALIZER_VERSION: Final = "1"
#: a word token: letters/digits, possibly joined by an apostrophe ("Hodgkin's").
TOKEN_PATTERN: Final = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")

# British -> American spellings, applied inside a token (order matters: longest first).
_BRITISH_FRAGMENTS: Final[tuple[tuple[str, str], ...]] = (
    ("oesophag", "esophag"),
    ("oestrogen", "estrogen"),
    ("anaesth", "anesth"),
    ("orthopaed", "orthoped"),
    ("paediatr", "pediatr"),
    ("leucocyt", "leukocyt"),
    ("leucaem", "leukem"),
    ("leucopen", "leukopen"),
    ("oedema", "edema"),
    ("foetus", "fetus"),
    ("foetal", "fetal"),
    ("aem", "em"),  # anaemia, leukaemia, haem-, septicaemia, ischaemia
    ("haem", "hem"),
    ("tumour", "tumor"),
    ("colour", "color"),
    ("behaviour", "behavior"),
    ("centre", "center"),
    ("fibre", "fiber"),
    ("litre", "liter"),
    ("ageing", "aging"),
    ("sulph", "sulf"),
    ("ischaem", "ischem"),
    ("diarrhoea", "diarrhea"),
    ("haemorrh", "hemorrh"),
    ("coeliac", "celiac"),
    ("faec", "fec"),
    ("gynaec", "gynec"),
    ("immunis", "immuniz"),
)
_BRITISH_TRIGGER: Final = re.compile(
    "|".join(sorted({re.escape(f) for f, _ in _BRITISH_FRAGMENTS}))
)

# Plurals that the suffix rules below would get wrong.
_IRREGULAR: Final[dict[str, str]] = {
    "children": "child",
    "women": "woman",
    "men": "man",
    "people": "person",
    "teeth": "tooth",
    "feet": "foot",
    "mice": "mouse",
    "testes": "testis",
    "metastases": "metastasis",
    "diagnoses": "diagnosis",
    "prognoses": "prognosis",
    "analyses": "analysis",
    "biopsies": "biopsy",
    "lymphomata": "lymphoma",
    "carcinomata": "carcinoma",
    "vertebrae": "vertebra",
    "bacteria": "bacterium",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "nuclei": "nucleus",
    "bronchi": "bronchus",
    "emboli": "embolus",
    "thrombi": "thrombus",
    "indices": "index",
    "appendices": "appendix",
    "cervices": "cervix",
}
# Words that end in "s" but are not plurals (or whose plural reading would mislead).
_KEEP: Final = frozenset(
    {
        "genetics",
        "physics",
        "series",
        "species",
        "news",
        "rabies",
        "scabies",
        "caries",
        "herpes",
        "diabetes",
        "measles",
        "mumps",
        "lens",
        "pancreas",
        "uterus",
        "virus",
        "always",
        "perhaps",
        "various",
        "previous",
        "famous",
        "tetanus",
        "lupus",
        "abdomen",
        "sepsis",
        "stasis",
        "ascites",
        "pubis",
        "mycosis",
        "fungus",
        "status",
        "plus",
        "bus",
        "gas",
        "its",
        "has",
        "was",
        "this",
        "thus",
        "does",
        "is",
        "as",
        "us",
        "aids",
        "hers",
        "yes",
        "less",
        "unless",
        "across",
        "atlas",
        "bias",
        "iris",
        "corpus",
        "pelvis",
        "thorax",
        "covid",
        "rickets",
        "shingles",
        "hives",
        "mass",
        "sometimes",
        "besides",
        "towards",
        "afterwards",
        "whereas",
        "fetus",
    }
)
_ES_AFTER: Final = (
    "ss",
    "rus",
    "nus",
    "tus",
    "lus",
    "mus",
    "gus",
    "pus",
    "x",
    "sh",
    "tch",
    "nch",
    "rch",
    "z",
)
_POSSESSIVE: Final = re.compile(r"['\u2019]s$")

_token_cache: dict[str, str] = {}


def fold_british(word: str) -> str:
    """Fold British spellings in a lower-case word to their American form."""
    if _BRITISH_TRIGGER.search(word) is None:
        return word
    for british, american in _BRITISH_FRAGMENTS:
        if british in word:
            word = word.replace(british, american)
    return word


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word in _KEEP:
        return word
    if word.endswith(("ss", "us", "is", "ous", "sis")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es"):
        stem = word[:-2]
        if stem.endswith(_ES_AFTER):
            return stem
    return word[:-1]


def fold_token(token: str) -> str:
    """Normalise one word token: lower case, British spelling, possessive, plural.

    Results are cached: a corpus has few distinct words, so this is a dictionary hit
    almost every time.
    """
    folded = _token_cache.get(token)
    if folded is None:
        word = token.lower()
        if not word.isascii():
            word = (
                unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")
                or word
            )
        word = _POSSESSIVE.sub("", word).replace("'", "").replace("\u2019", "")
        folded = _singular(fold_british(word))
        if len(_token_cache) < 500_000:
            _token_cache[token] = folded
    return folded


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as ``(start, end, folded)``; offsets index ``text``."""
    fold = fold_token
    return [(m.start(), m.end(), fold(m.group())) for m in TOKEN_PATTERN.finditer(text)]


_findall: Final = TOKEN_PATTERN.findall
_cached: Final = _token_cache.get


def fold_tokens(tokens: list[str]) -> list[str]:
    """:func:`fold_token` of each token; a C-level dictionary pass when all are cached."""
    folded = list(map(_cached, tokens))
    if None in folded:
        return [fold_token(token) for token in tokens]
    return folded  # type: ignore[return-value]  # no None left


def normalize(text: str) -> str:
    """The look-up key of a phrase: its folded tokens joined by single spaces."""
    return " ".join(fold_tokens(_findall(text)))


def invert(text: str) -> str | None:
    """Undo an inverted index form: "leukemia, acute myeloid" -> "acute myeloid leukemia".

    Returns ``None`` when ``text`` is not of the form ``head, modifier`` (exactly one
    comma, both sides non-empty, no parentheses).
    """
    if text.count(",") != 1 or "(" in text:
        return None
    head, modifier = (part.strip() for part in text.split(","))
    if not head or not modifier:
        return None
    return f"{modifier} {head}"
