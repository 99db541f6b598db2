"""Dutch name, street and place lists from the ``deduce`` package, built once per process.

deduce ships its lookup lists as plain ``items.txt`` files (minus ``exceptions.txt``); we read
those files directly into sets instead of building deduce's own (much larger) lookup tries.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path


def _lookup_root() -> Path:
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the deduce package is required for the Dutch lookup lists")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def _read(path: Path) -> set[str]:
    """The non-empty, non-comment lines of a list (C-level set building: the street list
    alone has 150,000 lines and every process reads it at start-up)."""
    if not path.exists():
        return set()
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    items = set(map(str.strip, lines))
    items.discard("")
    if text.startswith("#") or "\n#" in text:
        items -= {line.strip() for line in lines if line.startswith("#")}
    return items


def _load_list(name: str) -> set[str]:
    """Items of a deduce list (recursing into sub-lists), with its exceptions removed."""
    folder = _lookup_root() / name
    items = _read(folder / "items.txt")
    for sub in sorted(folder.glob("lst_*")):
        if sub.is_dir():
            items |= _load_list(f"{name}/{sub.name}")
    return items - _read(folder / "exceptions.txt")


# Words that are common in council letters but also appear as street names in the BAG.
_NOT_STREETS = {
    "kamer",
    "punt",
    "plein",
    "dorp",
    "markt",
    "agenda",
    "bijlage",
    "artikel",
    "pagina",
    "hoofdstuk",
    "fase",
    "lid",
    "week",
    "jaar",
    "nummer",
    "versie",
    "zaak",
    "kenmerk",
    "motie",
    "amendement",
}

# Names of bodies and kinds of organisation: never part of a person's name, and what
# makes a line an organisation (recognisers/organisations.py).
BODY_WORDS = frozenset(
    {
        "gemeente",
        "stichting",
        "vereniging",
        "college",
        "raad",
        "fractie",
        "griffie",
        "provincie",
        "ministerie",
        "commissie",
        "bestuur",
        "afdeling",
        "team",
    }
)

# Capitalised words that head a line or sentence and are never part of a person name.
_NOT_NAME_WORDS = BODY_WORDS | {
    "postbus",
    "onderwerp",
    "datum",
    "kenmerk",
    "bijlage",
    "bijlagen",
    "betreft",
    "telefoon",
    "email",
    "e-mail",
    "namens",
    "wethouder",
    "burgemeester",
    "griffier",
    "secretaris",
    "voorzitter",
    "raadslid",
}


DATA = Path(__file__).resolve().parent / "data"
# Words of table 36 that are also ordinary Dutch (or German) words outside a name: a prefix
# that starts with one ('in het', 'op de', 'over', 'aan') counts only where the context already
# says a name comes (after a title, initials or a label), never in running text.
_ORDINARY_PREFIX_HEADS = frozenset(
    "a aan af al am auf aus ben bij bin boven d deca die do don het i im in l lou of onder op "
    "over s t to toe tot uit unter v voor vor zu".split()
)
ORDINARY_PREFIX_HEADS = _ORDINARY_PREFIX_HEADS


def _read_data(name: str) -> list[str]:
    """Lines of a data file in data/ (comments and blank lines skipped)."""
    with (DATA / name).open(encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh if line.strip() and not line.startswith("#")]


def _with_curly_apostrophes(forms: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    return forms | {tuple(w.replace("'", "’") for w in form) for form in forms}


def register_prefixes() -> tuple[frozenset, frozenset]:
    """(all prefixes of BRP table 36 and the Flemish forms, those safe in running text), as
    lower-case token tuples."""
    table = {tuple(line.split()) for line in _read_data("voorvoegsels.txt")}
    table |= {tuple(line.split()) for line in _read_data("vlaamse_voorvoegsels.txt")}
    table = _with_curly_apostrophes(table)
    safe = {form for form in table if form[0] not in _ORDINARY_PREFIX_HEADS}
    return frozenset(table), frozenset(safe)


def noble_titles() -> dict[str, str]:
    """Adellijke titels and predicaten (BRP table 38): word -> 'title' or 'predicate'."""
    return dict(line.split("\t") for line in _read_data("adellijke_titels.txt"))


@dataclass(frozen=True)
class Lookups:
    first_names: frozenset[str]
    surnames: frozenset[str]
    interfixes: frozenset[tuple[str, ...]]  # lower-case token tuples: ("van", "der")
    interfix_words: frozenset[str]
    # every prefix of the population register (table 36) and the Flemish forms: used where
    # the context says a name comes (after a title, initials, a label)
    register_interfixes: frozenset[tuple[str, ...]]
    noble_titles: frozenset[str]  # graaf, baron, prins: also ordinary words
    noble_predicates: frozenset[str]  # jonkheer, jhr, barones: only ever a title
    prefixes: frozenset[str]  # titles: dhr., mevrouw, mr., ...
    streets: frozenset[str]  # lower-case
    places: frozenset[str]  # lower-case
    common_words: frozenset[str]  # lower-case Dutch words and stop words
    not_streets: frozenset[str]
    not_name_words: frozenset[str]


@functools.cache
def get_lookups() -> Lookups:
    """Build the lookup sets once per process (about half a second)."""
    first = _load_list("names/lst_first_name")
    surnames = _load_list("names/lst_surname") | _load_list("names/lst_interfix_surname")
    interfixes = {tuple(item.lower().split()) for item in _load_list("names/lst_interfix")}
    interfixes = {i for i in interfixes if i != ("v",)}
    # abbreviated forms as written in letters ('J. v.d. Berg', 'P. v/d Meer', "M. d'Hondt")
    interfixes |= {("v.d.",), ("v. d.",), ("v/d",), ("d'",), ("d’",)}
    register, safe = register_prefixes()
    interfixes |= safe
    nobility = noble_titles()
    prefixes = {p.lower().rstrip(".") for p in _load_list("names/lst_prefix")}
    streets = set(map(str.lower, _load_list("locations/lst_street")))
    streets |= set(map(str.lower, _read(_lookup_root() / "locations/lst_street/streets_bag.txt")))
    places = {p.lower() for p in _load_list("locations/lst_placename")}
    common = {w.lower() for w in _load_list("whitelist/lst_common_word")}
    common |= {w.lower() for w in _load_list("whitelist/lst_stop_word")}
    return Lookups(
        first_names=frozenset(first),
        surnames=frozenset(surnames),
        interfixes=frozenset(interfixes),
        interfix_words=frozenset(w for i in interfixes for w in i),
        register_interfixes=frozenset(register | interfixes),
        noble_titles=frozenset(w for w, kind in nobility.items() if kind == "title"),
        noble_predicates=frozenset(w for w, kind in nobility.items() if kind == "predicate"),
        prefixes=frozenset(prefixes),
        streets=frozenset(streets),
        places=frozenset(places),
        common_words=frozenset(common),
        not_streets=frozenset(_NOT_STREETS),
        not_name_words=frozenset(_NOT_NAME_WORDS),
    )
