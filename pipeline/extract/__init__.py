"""Extract stage: read a PDF's ruled grids and loose text lines into a JSON artifact."""
