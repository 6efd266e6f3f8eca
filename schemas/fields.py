"""The one way the schemas declare a column: description, unit and Frictionless type as metadata."""

from __future__ import annotations

from typing import Any

import pandera.pandas as pa

# A column's role: "position" says where a row was printed (to sort by), not what it says, so the
# diff never compares it.
POSITION = "position"
# "correction" says whether a reviewer corrected the row (corrections.csv): what it says about the
# row, not what the row says, so the diff never compares it (it names it beside a change).
CORRECTION = "correction"


def field(description: str, unit: str | None = None, *, kind: str | None = None,
          role: str | None = None, **kwargs: Any):
    """A pandera Field carrying what the datapackage and the data dictionary print."""
    metadata = {k: v for k, v in (("unit", unit), ("type", kind), ("role", role)) if v}
    return pa.Field(description=description, metadata=metadata or None, **kwargs)
