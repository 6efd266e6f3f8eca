"""A document kind that lives only in the tests: a yearly fee schedule (料金表).

It shows a new kind needs no edit to core code: its package (identify, clean, datasets), its
schema module, and a registry line (here `pipeline.kinds.register("tests.kinds.toy")`).
"""

from pipeline.kinds import Kind

KIND = Kind(name="fee_schedule", title="Fee schedule (料金表), a test-only kind")
