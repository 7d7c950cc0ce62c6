"""Validation: pure rules over a record and the in-memory reference data (no DB)."""
