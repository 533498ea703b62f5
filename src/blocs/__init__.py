"""blocs: news about international security -> evidence-linked event data."""

__version__ = "0.1.0"
