"""Benchmarks: figures, not tests (bench.py timings; icdar2013.py accuracy on ICDAR 2013)."""
