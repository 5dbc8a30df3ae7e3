"""Look inside a run: every step of one run of a learner's program (see shared/contracts/trace.md).

``record(path, ...)`` runs the program in the runner's child process and returns a ``Recording``;
``summary`` turns a recording into short sentences for a child (``tutor trace`` and the app).
No UI imports here.
"""

from .recording import MAX_STEPS, SCHEMA, Recording, Step, from_result, record, statement_lines

__all__ = ["MAX_STEPS", "SCHEMA", "Recording", "Step", "from_result", "record", "statement_lines"]
