"""Staged pipeline: extract → clean → validate → publish, for the labour banks' PDF tables."""
