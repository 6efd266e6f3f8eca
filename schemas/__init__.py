"""pandera models of every published dataset, with the column metadata the data dictionary uses."""
