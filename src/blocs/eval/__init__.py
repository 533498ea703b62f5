"""Evaluation of each stage against gold data."""
