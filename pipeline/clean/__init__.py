"""Clean stage: turn extracted grids and lines into tidy records, one module per document kind."""
