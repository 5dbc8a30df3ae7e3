"""The registry of diagnosers: one module per family of errors, each registering small functions.

A diagnoser is a function ``(ctx: Context) -> Hint | list[Hint] | None`` registered with
``@diagnoser(...)``. It says which run outcomes (``error``, ``timeout``, ``killed``,
``wrong-output``) and, for errors, which exception classes (matched against the whole class
family, so ``"OSError"`` also matches ``FileNotFoundError``) it wants to see. The engine asks every
diagnoser that matches, most specific first (lower ``priority`` first), and picks the best hint.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from dataclasses import dataclass
from typing import Callable, Iterable, Union

from .context import Context
from .hint import Hint

DiagnoseResult = Union[Hint, Iterable[Hint], None]
DiagnoseFunc = Callable[[Context], DiagnoseResult]


@dataclass(frozen=True)
class Diagnoser:
    id: str
    func: DiagnoseFunc
    outcomes: tuple[str, ...]
    errors: tuple[str, ...] | None  # exception class names; None = any
    priority: int

    def matches(self, ctx: Context) -> bool:
        if ctx.outcome not in self.outcomes:
            return False
        if self.errors is None:
            return True
        error = ctx.error
        if error is None:
            return False
        return any(error.is_a(name) for name in self.errors)


_REGISTRY: dict[str, Diagnoser] = {}
_loaded = False


def diagnoser(
    id: str,
    *,
    errors: Iterable[str] | None = None,
    outcomes: Iterable[str] = ("error",),
    priority: int = 50,
) -> Callable[[DiagnoseFunc], DiagnoseFunc]:
    """Register a diagnoser. ``id`` is stable: tools and tests rely on it (``hint.diagnoser``)."""

    def register(func: DiagnoseFunc) -> DiagnoseFunc:
        if id in _REGISTRY and _REGISTRY[id].func is not func:
            existing = _REGISTRY[id].func
            if (existing.__module__, existing.__qualname__) != (func.__module__, func.__qualname__):
                raise ValueError(f"two diagnosers share the id {id!r}")
        _REGISTRY[id] = Diagnoser(
            id=id,
            func=func,
            outcomes=tuple(outcomes),
            errors=tuple(errors) if errors is not None else None,
            priority=priority,
        )
        return func

    return register


def load_all() -> None:
    """Import every module in ``tutor.explain.diagnosers`` (each registers its diagnosers)."""
    global _loaded
    if _loaded:
        return
    from . import diagnosers

    for info in sorted(pkgutil.iter_modules(diagnosers.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            try:
                importlib.import_module(f"{diagnosers.__name__}.{info.name}")
            except Exception:  # one broken module must not silence all the others
                logging.getLogger("tutor.explain").exception("could not load diagnosers from %s", info.name)
    _loaded = True


def all_diagnosers() -> list[Diagnoser]:
    load_all()
    return sorted(_REGISTRY.values(), key=lambda d: (d.priority, d.id))


def diagnosers_for(ctx: Context) -> list[Diagnoser]:
    return [d for d in all_diagnosers() if d.matches(ctx)]
