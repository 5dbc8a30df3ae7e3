"""The rubber duck: explain your program line by line, then check your predictions against the
real run.

- ``steps``: the duck's questions, one step per line that does something (ast; astroid lazily).
- ``tracer``: runs the program in a child process with ``_trace_plugin.py`` (hits and values per
  line, capped) and gives a ``Trace``.
- ``compare``: tolerant checks of a prediction against the real value; ``meaning`` lets it judge
  by meaning (a typed value described as "the puppy's name", a print line lined up word by word).
- ``read_aloud``: when Python cannot read the program, the stuck line in pieces to read out loud.
- ``dialogue``: ``DuckSession``, which ties them together (used by ``tutor duck`` and the app).

No user-interface imports here; the Duck screen is ``tutor.ui.duck``.
"""

from .compare import Verdict, compare
from .dialogue import DuckSession, Review
from .steps import EXPLAIN, PREDICT, ProgramProblem, Step, build_steps
from .tracer import Trace, trace_program

__all__ = [
    "EXPLAIN",
    "PREDICT",
    "DuckSession",
    "ProgramProblem",
    "Review",
    "Step",
    "Trace",
    "Verdict",
    "build_steps",
    "compare",
    "trace_program",
]
