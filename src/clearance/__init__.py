"""Clearance: a clearance engine for controlled cross-border trade in AI accelerators."""

__version__ = "0.1.0"
