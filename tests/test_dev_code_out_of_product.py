"""Dev code stays out of the product (issue 12): the sample generator, demo data and bench
commands live in ``devtools``, which only the dev and test settings install; production
settings never load it, nor Faker, and no product package imports either."""

import ast
import json
import re
import tomllib
from pathlib import Path

from django.conf import settings

from tests.processes import PRODUCTION, run_python

PRODUCT_PACKAGES = ["documents", "publication", "confidentiality", "people", "meetings", "griffie"]
DEV_ONLY = {"devtools", "faker", "factory"}


def _production_process(code: str) -> dict:
    result = run_python("-c", code, env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_loads_the_whole_site_without_faker_or_devtools():
    found = _production_process(
        "import json, sys, django\n"
        "django.setup()\n"
        "import griffie.urls, griffie.wsgi, griffie.celery\n"
        "from django.conf import settings\n"
        "print(json.dumps({\n"
        "    'apps': list(settings.INSTALLED_APPS),\n"
        "    'modules': sorted(m for m in sys.modules if m.split('.')[0] in"
        " {'faker', 'devtools', 'factory'}),\n"
        "}))\n"
    )
    assert "devtools" not in found["apps"]
    assert "documents" in found["apps"]  # the product itself did load
    assert found["modules"] == []


def test_dev_and_test_settings_install_devtools():
    assert "devtools" in settings.INSTALLED_APPS
    dev = (Path(settings.BASE_DIR) / "griffie" / "settings" / "dev.py").read_text()
    assert '"devtools"' in dev
    base = (Path(settings.BASE_DIR) / "griffie" / "settings" / "base.py").read_text()
    assert "devtools" not in base


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            roots.add(node.args[0].value.split(".")[0])
    return roots


def test_no_product_package_imports_dev_code():
    base = Path(settings.BASE_DIR)
    offenders = {
        str(path.relative_to(base)): sorted(_imported_roots(path) & DEV_ONLY)
        for package in PRODUCT_PACKAGES
        for path in (base / package).rglob("*.py")
        if _imported_roots(path) & DEV_ONLY
    }
    assert offenders == {}


def test_the_scan_sees_a_dev_import_hidden_in_a_function(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from devtools.samples import generate_document\n")
    assert "devtools" in _imported_roots(module)


def test_faker_is_a_dev_extra_that_the_makefile_installs_but_the_image_does_not():
    base = Path(settings.BASE_DIR)
    project = tomllib.loads((base / "pyproject.toml").read_text())["project"]

    def names(requirements: list[str]) -> set[str]:
        return {re.split(r"[\[=<>~! ]", r, maxsplit=1)[0].lower() for r in requirements}

    assert "faker" not in names(project["dependencies"])
    assert "faker" in names(project["optional-dependencies"]["dev"])
    assert '".[test,dev]"' in (base / "Makefile").read_text()
    assert "pip install --no-cache-dir . " in (base / "Dockerfile").read_text()
