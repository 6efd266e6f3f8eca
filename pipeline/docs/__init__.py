"""Docs stage: the data dictionary (docs/DATA.md), generated from the schemas and views."""
