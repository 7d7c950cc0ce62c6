"""Contracts shared by `rules`, `ocr` and `service`: msgspec Structs, enums and the reference data
shipped with the package (read with importlib.resources); no database, no HTTP."""
