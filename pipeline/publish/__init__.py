"""Publish stage: write validated datasets (CSV, Parquet, datapackage.json) atomically."""
