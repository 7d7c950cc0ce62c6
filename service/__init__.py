"""Everything with I/O: the Litestar app, database, storage, queue worker, register, export, CLI."""
