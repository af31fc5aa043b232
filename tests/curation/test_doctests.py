"""The examples in the curation and diff docstrings run."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

import hemekg.curation.apply


@pytest.mark.parametrize("module", [hemekg.curation.apply])
def test_docstring_examples(module: ModuleType) -> None:
    failed, attempted = doctest.testmod(module)
    assert attempted > 0 and failed == 0
