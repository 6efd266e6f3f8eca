"""Second-engine cross-check: camelot (lattice) reads the same ruled tables as the extract stage."""
