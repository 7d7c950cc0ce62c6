"""Everything with I/O: the processes (app, worker, serve, CLI), the rooms they are made of (runtime,
db, jobs, documents, review, register, export, …) and the web UI. The rooms and their layers:
docs/ARCHITECTURE.md."""
