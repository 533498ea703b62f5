"""The alignment model's error (kept here until `blocs.errors` gains a model subclass)."""

from blocs.errors import BlocsError


class ModelError(BlocsError):
    """The alignment model was asked something it cannot answer (bad source, period, issue)."""
