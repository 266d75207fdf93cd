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
