"""The apps import only what ARCHITECTURE.md allows: the shell nothing of the content apps,
the content apps the shell, and the inspections the documents they check."""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = ("portal", "articles", "documents", "inspections")
# What each app may import from the others (itself always).
ALLOWED = {
    "portal": set(),
    "articles": {"portal"},
    "documents": {"portal"},
    "inspections": {"portal", "documents"},
}


def imported_apps(path):
    """The project apps a module imports, at its top or inside functions: {app: line}."""
    found = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                found.setdefault(top, node.lineno)
    return found


def sibling_imports(app, root=ROOT):
    """[(file:line, imported app)] of the imports `app` must not make."""
    wrong = []
    for path in sorted((root / app).rglob("*.py")):
        for other, line in imported_apps(path).items():
            if other != app and other not in ALLOWED[app]:
                wrong.append((f"{path.relative_to(root)}:{line}", other))
    return wrong


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_it_may(app):
    assert sibling_imports(app) == []


def test_the_check_catches_a_forbidden_import(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "bad.py").write_text(
        "def f():\n    from articles.models import Article\n", encoding="utf-8"
    )
    assert sibling_imports("documents", tmp_path) == [("documents/bad.py:2", "articles")]


def test_models_import_no_services():
    """The pure normalisers live where models and services both import them."""
    wrong = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("models*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and "services" in (node.module or ""):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert wrong == []


def _modules():
    """{dotted name: path} of the apps' modules, migrations aside."""
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports_of(name, path, modules):
    """The project modules `name` imports, wherever the import stands."""
    targets = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parent + ([node.module] if node.module else []))
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        targets.update(c for c in candidates if c in modules and c != name)
    return targets


def test_no_two_modules_import_each_other():
    """A cycle hidden in a function import is still a cycle: none is left."""
    modules = _modules()
    graph = {name: _imports_of(name, path, modules) for name, path in modules.items()}
    pairs = sorted(
        (a, b) for a, targets in graph.items() for b in targets if a < b and a in graph[b]
    )
    assert pairs == []
