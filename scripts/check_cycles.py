"""Import cycles, module by module and package by package, in our packages (grimp: import-linter's graph).

    .venv/bin/python scripts/check_cycles.py service rules schemas   # exit 1 if any of them has a cycle
    .venv/bin/python scripts/check_cycles.py                         # every package of ours

Every import counts, also the ones inside functions (a lazy import hides a cycle, it does not remove
it). Package level: the modules of `service` are grouped by their first part below it (service.api,
service.review, …): two rooms that import each other are a cycle even when no two modules are.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import grimp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the packages as this checkout has them

PACKAGES = ("schemas", "rules", "ocr", "service", "samples", "benchmarks")
ROOMS_OF = "service"


def strongly_connected(nodes: Iterable[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the groups of nodes that all reach each other (size > 1)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def room(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == ROOMS_OF and len(parts) > 1 else parts[0]


def main(packages: list[str]) -> int:
    graph = grimp.build_graph(*PACKAGES)
    modules = {m for m in graph.modules if m.split(".")[0] in (packages or PACKAGES)}
    edges = {m: set(graph.find_modules_directly_imported_by(m)) & modules for m in modules}
    rooms: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            if room(source) != room(target):
                rooms.setdefault(room(source), set()).add(room(target))
    found = 0
    for label, groups in (
        ("modules", strongly_connected(modules, edges)),
        ("rooms", strongly_connected({room(m) for m in modules}, rooms)),
    ):
        for group in groups:
            print(f"cycle of {label}: " + " -> ".join(group))
        found += len(groups)
        count = len(modules) if label == "modules" else len({room(m) for m in modules})
        print(f"{label}: {count}, cycles: {len(groups)}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
