"""Validate stage: build each dataset's frame from clean records and check it with its schema."""
