"""Row labels of the comparison table: the item names without their mark legend."""

from __future__ import annotations

import re

from pipeline.core.text import fold, squeeze

_LEGEND = re.compile(r"[（(]?\s*[○×]\s*[:：][^○×（）()\n]*[）)]?")
_LEGEND_START = re.compile(r"^[（(]?\s*[○×]\s*[:：]")


def strip_label(text: str | None) -> str:
    """A row label without its mark legend (○：対象 ×：対象外) or alignment spaces.

    A narrow label column wraps legend lines too (×：対象 / 外): a line after a legend line
    continues that legend once the label has been read, and is the label when none came before.
    """
    kept: list[str] = []
    in_legend = False
    for line in fold(text or "").splitlines():
        if _LEGEND_START.match(line.strip()):
            in_legend = True
        elif in_legend and kept:
            continue
        else:
            in_legend = False
            kept.append(_LEGEND.sub("", line))
    return squeeze("".join(kept))
