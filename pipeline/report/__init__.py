"""A self-contained HTML report of the published datasets, for people who would rather look."""
