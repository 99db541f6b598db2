"""The import graph of the product code runs one way: no module imports, directly or
through others, a module that imports it back. Imports inside functions count too, so a
cycle cannot hide there. Which app may import which is in pyproject.toml
([tool.importlinter]; `lint-imports` runs in `make test`)."""

import grimp

PRODUCT_PACKAGES = ("griffie", "documents", "publication", "confidentiality", "meetings", "people")


def import_cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Groups of modules that reach each other through imports (Tarjan's strongly connected
    components, iteratively), each with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[set[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == module:
                        break
                if len(component) > 1:
                    cycles.append(component)
    return cycles


def test_the_product_code_has_no_import_cycle():
    graph = grimp.build_graph(*PRODUCT_PACKAGES)
    assert import_cycles(graph) == []


def test_the_cycle_check_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("app.models", "app.access", "app.views"):
        graph.add_module(module)
    graph.add_import(importer="app.models", imported="app.access")
    graph.add_import(importer="app.access", imported="app.models")
    graph.add_import(importer="app.views", imported="app.models")
    assert import_cycles(graph) == [{"app.models", "app.access"}]
