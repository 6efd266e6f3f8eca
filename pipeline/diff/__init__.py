"""Compare two editions of every published dataset: what was added, removed or changed."""
