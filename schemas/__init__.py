"""Contracts shared by `ocr` and `service`: msgspec Structs only, no I/O."""
