"""The word catalogues: every language has every key, with the same fields to fill in."""

from __future__ import annotations

import string

import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.lang import CATALOGUES, DEFAULT, LANGUAGES, words


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_japanese_is_the_default_and_english_is_there() -> None:
    assert DEFAULT == "ja" and set(LANGUAGES) >= {"ja", "en"}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != DEFAULT])
def test_every_catalogue_has_every_key_with_the_same_fields(lang: str) -> None:
    base, other = CATALOGUES[DEFAULT], CATALOGUES[lang]
    assert sorted(other) == sorted(base)
    assert {k: fields(v) for k, v in other.items()} == {k: fields(v) for k, v in base.items()}


def test_words_fill_in_and_say_what_is_unknown() -> None:
    assert words()("review.n_rows", n=3) == "3 行"
    assert words("en")("review.n_rows", n=3) == "3 rows"
    with pytest.raises(PipelineError, match="--lang fr: no such language"):
        words("fr")
