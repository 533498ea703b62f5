"""Validation of vote-based alignment scores against data nobody here wrote (ATOP pledges)."""
