"""Benchmarks of the service (uploads, queue, register list and search, exports, mixed load): they start
the real service or use its Python API, so they live outside `samples/` (which may not import the
service). Commands and results: docs/benchmarks.md."""
