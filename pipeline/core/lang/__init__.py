"""The words of the pages people read (the report, the review page, the diff pages, the
workbook's own labels), in each language: one catalogue module per language, every string of
every stage in it, keyed alike. Japanese is the default; `--lang en` gives English. A third
language is one more module beside these (the same keys, checked by the tests) and its name in
the import below. Column names, dataset names and file names are never translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.errors import PipelineError
from pipeline.core.lang import en, ja

CATALOGUES: dict[str, dict[str, str]] = {module.LANG: module.WORDS for module in (ja, en)}
DEFAULT = ja.LANG
LANGUAGES = tuple(CATALOGUES)


@dataclass(frozen=True)
class Words:
    """One language's catalogue: `words("key", name=value)` is that entry, filled in."""

    lang: str

    def __call__(self, key: str, /, **values: object) -> str:
        return CATALOGUES[self.lang][key].format(**values)

    def has(self, key: str) -> bool:
        return key in CATALOGUES[self.lang]


def words(lang: str = DEFAULT) -> Words:
    """The catalogue of `lang` (ja, en), or a PipelineError naming the languages there are."""
    if lang not in CATALOGUES:
        raise PipelineError(f"--lang {lang}: no such language (known: {', '.join(LANGUAGES)})")
    return Words(lang)
