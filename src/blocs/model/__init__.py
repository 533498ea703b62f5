"""The alignment model: how close two states are, from votes and events, over time."""
