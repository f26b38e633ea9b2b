"""Scorers that measure storyline against public benchmark data (see ``../shared/data``)."""
