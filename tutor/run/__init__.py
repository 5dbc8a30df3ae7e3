"""Running learner programs safely: a child process with limits, and a plain result object."""

from .result import (
    ERROR,
    EXIT,
    KILLED,
    OK,
    TIMEOUT,
    ErrorInfo,
    Frame,
    RunResult,
    StuckInfo,
)
from .runner import DEFAULT_LIMITS, INTERACTIVE, KEYBOARD, Limits, RunningProgram, run_program

__all__ = [
    "DEFAULT_LIMITS",
    "ERROR",
    "EXIT",
    "INTERACTIVE",
    "KEYBOARD",
    "KILLED",
    "OK",
    "TIMEOUT",
    "ErrorInfo",
    "Frame",
    "Limits",
    "RunResult",
    "RunningProgram",
    "StuckInfo",
    "run_program",
]
