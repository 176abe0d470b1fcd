"""The house's arrows, checked on the source: no import cycle anywhere in `voice` (imports inside
functions count too), estimators never reach the store or the jobs, and the store never reaches
the theme stage."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: str = "voice") -> dict[str, set[str]]:
    """Module -> the `package` modules it imports (a `from pkg import name` names the submodule if one exists)."""
    files = {_module(p): p for p in (ROOT / package).rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in files}
    for mod, path in files.items():
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = mod.split(".")[: len(mod.split(".")) - node.level + (1 if is_pkg else 0)]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != mod:
                    graph[mod].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on.discard(w)
                scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                found.append(sorted(scc))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [m for m in graph if m == start or m.startswith(start + ".")]
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo += graph.get(m, ())
    return seen


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_the_checker_sees_a_cycle_and_a_forbidden_edge() -> None:
    toy = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(toy) == [["a", "b", "c"]]
    assert "voice.store.db" in reachable({"voice.themes.x": {"voice.registry"},
                                          "voice.registry": {"voice.store.db"}}, "voice.themes")


def test_the_graph_is_read_from_the_source(graph) -> None:
    assert "voice.store.catalog" in graph["voice.jobs.promotion"]
    assert "voice.store.queries" in graph["voice.store.topic_queries"]


def test_voice_has_no_import_cycle(graph) -> None:
    assert cycles(graph) == []


def test_themes_never_reach_the_store_or_the_jobs(graph) -> None:
    reached = reachable(graph, "voice.themes")
    assert sorted(m for m in reached if m.startswith(("voice.store", "voice.jobs"))) == []


def test_the_store_never_reaches_the_theme_stage(graph) -> None:
    reached = reachable(graph, "voice.store")
    assert sorted(m for m in reached if m.startswith(("voice.themes", "voice.jobs", "voice.ui", "voice.cli"))) == []
