"""Database stage: an embedded DuckDB database of the published datasets, with views."""
