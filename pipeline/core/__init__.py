"""Shared machinery every stage and document kind uses: errors, text folding, dates, the span
grid, artifacts and atomic file writes. It imports nothing else from the pipeline."""
