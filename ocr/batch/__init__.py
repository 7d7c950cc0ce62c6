"""Scanned stacks: pages one at a time, classified, split into one document per certificate."""
