"""Generators of synthetic editions of the source PDFs, for tests of editions never seen."""
