"""tutor: a kind debugging tutor for young Python programmers."""

__version__ = "0.1.0"
