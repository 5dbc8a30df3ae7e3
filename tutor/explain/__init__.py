"""The error explainer: turn what happened when a program ran into one small, kind hint.

Public API (see shared/contracts/explain.md)::

    from tutor.explain import explain_file
    explanation = explain_file("game.py", stdin="4\n")
    explanation.to_json()   # schema 1

Diagnosers live in ``tutor.explain.diagnosers`` (one module per family of errors) and register
themselves with ``tutor.explain.registry.diagnoser``.
"""

from .api import SCHEMA, Explanation, explain_file, explain_run, explain_source
from .context import Context
from .hint import Fix, Hint

__all__ = ["SCHEMA", "Context", "Explanation", "Fix", "Hint", "explain_file", "explain_run", "explain_source"]
