"""The package layering of docs/architecture.md, checked on the source (module-level imports and
imports inside functions alike): no import cycles, capacity imports nothing of the others,
constructions never empirical nor torch, the engine nothing else of empirical, and nothing but
the shell imports the CLI modules."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("capacity", "constructions", "empirical", "memcap")


def _modules() -> dict[str, Path]:
    mods = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            mods[name.removesuffix(".__init__")] = path
    return mods


MODULES = _modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> set[str]:
    """Every project module (and ``torch``) that ``module`` imports, anywhere in its body."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names] or [base]
        for name in names:
            if name.split(".")[0] == "torch":
                found.add("torch")
            target = _resolve(name)
            if target and target != module:
                found.add(target)
    return found


GRAPH = {m: _imports(m) for m in MODULES}


def test_no_import_cycles():
    index, low, stack, on_stack, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v] - {"torch"}:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert cycles == []


def _edges(source_prefix: str):
    return {(m, t) for m, ts in GRAPH.items() if m.startswith(source_prefix) for t in ts}


def test_layering():
    bad = [(m, t) for m, t in _edges("capacity")
           if t == "torch" or t.split(".")[0] in ("constructions", "empirical", "memcap")]
    bad += [(m, t) for m, t in _edges("constructions")
            if t == "torch" or t.split(".")[0] in ("empirical", "memcap")]
    bad += [(m, t) for m, t in _edges("empirical.engine")
            if t.startswith("empirical.") and not t.startswith("empirical.engine")]
    assert bad == []


#: the exact search and its commands: the only modules of constructions.exact above the builders
EXACT_ON_TOP = {"constructions.exact.search", "constructions.exact.construct",
                "constructions.exact.cli"}


def test_builders_use_the_exact_minima_and_not_the_other_way():
    """Inside constructions, the builders import the exact minima's primitives, tables and
    witnesses (minimal, gated, five build on them); of constructions.exact only the search that
    starts from auto's network, and the commands above it, import the builders, and no builder
    imports them."""
    bad = [(m, t) for m, t in _edges("constructions.exact")
           if t.startswith("constructions.builders") and m not in EXACT_ON_TOP]
    bad += [(m, t) for m, t in _edges("constructions.builders") if t in EXACT_ON_TOP]
    assert bad == []


def test_only_the_shell_imports_the_cli_modules():
    cli = {m for m in MODULES if m.startswith("empirical.cli") or m.endswith(".cli")
           or m == "constructions.exact.cli"}
    bad = [(m, t) for m, ts in GRAPH.items() for t in ts
           if t in cli and m not in cli and not m.startswith("memcap")]
    assert bad == []


def test_the_graph_sees_function_level_imports():
    assert "empirical.compare.compute" in GRAPH["empirical.cli.compare"]  # imported in a function
    assert len(MODULES) > 100


def test_the_builders_do_not_load_sympy():
    """Building a network needs no bound registry: constructions read the exact values from
    capacity.exact_values (plain data). Through capacity.bounds.exact every builder import paid
    for sympy (``memcap construct`` 0.53 s against 0.26 s, 2026-12-04)."""
    import subprocess
    import sys

    code = ("import sys, constructions.builders, empirical.hardness.known; "
            "print(sorted(m for m in ('sympy', 'capacity.bound', 'capacity.bounds') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == "[]"
