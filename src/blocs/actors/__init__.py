"""Actors: the knowledge base of states, organisations, groups, people and agent words, and
the resolution of mentions in text to canonical actors."""
