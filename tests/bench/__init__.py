"""Tests of the benchmarks' own code (the ICDAR 2013 metric, its parsing), not their figures."""
