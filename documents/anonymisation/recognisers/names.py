"""Person names: titles, initials, first names + surnames, relations, signatures, e-mail
headers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lookups import ORDINARY_PREFIX_HEADS, Lookups
from ..suspects import SURNAME_AS_WORD_MIN_ZIPF, is_compound, zipf
from .addresses import STREET_WORD_SUFFIXES
from .base import (
    INITIALS_RE,
    LABEL_WORDS,
    NOT_INITIALS,
    OFFICE_TITLES,
    RELATION_WORDS,
    ROLE_NOUNS,
    SALUTATIONS,
    TITLE_WORDS,
    Token,
    _Recogniser,
    is_cap,
    is_name_word,
    tokenise,
)
from .organisations import ORG_NAMES, ORG_WORDS, find_organisations

CLOSING_RE = re.compile(
    r"(?i)^\s*(?:met\s+)?(?:(?:vriendelijke|hartelijke|collegiale|beste|warme|sportieve|"
    r"oprechte|meest\s+vriendelijke)\s+)?groet(?:en|jes)?\b[\s,.!]*$"
    r"|^\s*hoogachtend[\s,.]*$|^\s*(?:met\s+)?(?:de\s+)?(?:meeste\s+)?hoogachting[\s,.]*$"
    r"|^\s*(?:kind\s+regards|best\s+regards|regards)[\s,.]*$"
    # on behalf of: 'Namens de initiatiefnemers,', 'Namens het bestuur,'
    r"|^\s*namens\s+[^\n,]{2,50},\s*$"
    # council decisions and college letters: 'De raad voornoemd,', 'Burgemeester en
    # wethouders van Noord-Beveland,', then 'de secretaris,' / 'de burgemeester,'
    r"|^\s*de\s+raad\s+(?:voornoemd|van\s+de\s+gemeente\s+[^\n,]{2,40})[\s,.]*$"
    r"|^\s*(?:het\s+college\s+van\s+)?burgemeester\s+en\s+wethouders(?:\s+van\s+[^\n,]{2,40})?[\s,]*$"
    r"|^\s*(?:de\s+|het\s+)?(?:loco-|plv\.\s*|plaatsvervangend\s+)?(?:secretaris|gemeentesecretaris"
    r"|burgemeester|griffier|raadsgriffier|voorzitter)\s*,\s*$"
)
MAIL_HEADER_RE = re.compile(
    r"(?m)^(?:Van|Aan|Cc|CC|cc|Bcc|BCC|bcc|From|To|Afzender)\s*:[ \t]*(?P<names>[^\n<\[]+?)[ \t]*(?:<|\[mailto:|\(|$)"
)


# Words after which a lower-case first name is a thing, not a person ('de roos', 'een mark').
LOWER_CASE_NAME_BLOCKERS = frozenset(
    {"de", "het", "een", "deze", "dit", "elke", "iedere", "geen", "welke"}
)
# One to three capitals after a title, as initials written without dots ('dr A', 'mw. JK').
BARE_INITIALS_RE = re.compile(r"[A-Z]{1,3}\Z")
# Letters of Turkish, Polish, Czech, Hungarian and Nordic names that Dutch words (nearly)
# never have.
FOREIGN_NAME_LETTERS = re.compile(r"[ğĞşŞıİłŁżŻźŹąĄęĘśŚćĆńŃőŐűŰøØåÅæÆřŘčČšŠžŽçÇ]")
# A word rarer than this in Dutch web text is mostly a name or a typo (suspects.py).
RARE_WORD_MAX_ZIPF = 2.5
# A first name rarer than this as a word is hardly anything else ('gerrit', not 'roos').
RARE_FIRST_NAME_MAX_ZIPF = 4.0
LOWER_CASE_ORG_NAMES = frozenset(name.lower() for name in ORG_NAMES)
# After a title a lower-case word this rare in Dutch text is a surname ('mevrouw verbeke').
LOWER_SURNAME_MAX_ZIPF = 3.2
# Stop words and the most frequent words ('en', 'met', 'zijn') are never a surname here.
STOP_WORD_MIN_ZIPF = 5.5
# Abbreviations shaped like initials: the postscript and nota bene.
POSTSCRIPTS = frozenset({"P.S.", "P.P.S.", "N.B."})
# Verbs of saying and doing whose subject or object is a person: a surname right before or
# after one of them is a name ('Kwakkelstein zegt', 'belde Kwakkelstein').
PERSON_VERBS = frozenset(
    "zegt zei zeggen stelt stelde vraagt vroeg schrijft schreef meldt meldde belt belde mailde "
    "mailt verklaart verklaarde antwoordt antwoordde vertelt vertelde vindt vond denkt dacht "
    "woont woonde ontkent ontkende bevestigt bevestigde klaagt klaagde sprak spreekt bezocht "
    "overleed verhuisde huurt huurde werkt werkte wil wilde".split()
)
PERSON_PARTICIPLES = frozenset(
    "gezegd gesteld gevraagd geschreven gemeld gebeld gemaild verklaard geantwoord verteld "
    "gevonden gedacht gewoond ontkend bevestigd geklaagd gesproken bezocht overleden verhuisd "
    "gehuurd gewerkt".split()
)
# Words after which a new clause (and its subject) starts: 'en toen X zei ...', 'dat X belde'.
CLAUSE_STARTS = frozenset(
    ", en ook dat toen maar want omdat nu dan of als terwijl hoewel zodat waarop nadat "
    "voordat sinds zoals".split(" ")
)
# Prefixes that only names have: an abbreviated 'van de(r)' ('v/d', 'v.d.') and the old
# dative 'der'/'den' after another prefix ('van der', 'van den', 'von der'). A capitalised
# word after one is a surname, also when it is a place or a word ('van der Kapelle'), unless
# the tail and the word together are a place ('van den Haag' is about Den Haag).
NAME_ONLY_PREFIX_TAILS = frozenset({"der", "den"})
ABBREVIATED_PREFIXES = frozenset({"v/d", "v.d.", "vd.", "v.d", "v. d.", "v.d.r."})
# A word in capitals after initials ('J. KWAKKELINK'): at least this long, so that 'A. BC' stays.
CAPS_SURNAME_MIN_LEN = 4
# A Dutch word starts with a vowel after at most a cluster Dutch allows ('str', 'schr', 'kn');
# an acronym often does not ('NVWA', 'CBS').
DUTCH_ONSET_RE = re.compile(r"(?:sch|s[pt]|[bcdfgkptvwz])?[lrhjnwm]?[aeiouy]|s[lmnw]?[aeiouy]")
# The apposition after a person's name in official texts: 'X, wonende te Goes'.
RESIDENT_WORDS = frozenset({"wonende", "wonend", "woonachtig", "geboren", "geb"})
# Flemish surname forms: a fused prefix ('Vandeputte') or an ending Dutch words never have
# ('-aert', '-aerts', '-ckx', '-eke' at the end); see docs/names.md.
FLEMISH_FORM_RE = re.compile(
    r"(?:vande|vanden|vander)[a-z]{3,}|[a-z]{2,}(?:aerts?|ckx)|[a-z]{3,}eke$"
)
# A listed surname rarer than this in Dutch text is hardly ever anything but a name, wherever
# it stands ('Kwakkelink' alone on a line, in a ledger line, mid-sentence).
RARE_SURNAME_MAX_ZIPF = 2.5
# Endings of Dutch family names (Saxon -ink/-inck, Frisian -stra/-sma/-inga/-enga, patronymic
# -zoon/-mans; Meertens Instituut, Nederlandse Familienamenbank): on a word that Dutch text
# does not know at all, such an ending says "surname" (docs/names.md). Not -sen/-ssen: plurals
# of compounds end so too ('dennenbossen').
SURNAME_ENDING_RE = re.compile(r"[a-z]{2,}(?:inck|ink|inga|enga|stra|sma|mans|zoon)")
UNKNOWN_WORD_MAX_ZIPF = 1.0
# A register prefix written fused to the capitalised surname, as lists and ledgers do
# ('deKwakkel', 'vanBrakel', 'terKwakkel').
FUSED_PREFIX_RE = re.compile(r"(?:de|den|der|van|vd|ver|ter|ten|te|von|du|le|la)([A-Z][a-z]{2,})")
# A lower-case first name alone is a name when it is rarer than this as a word ('marloes',
# not 'roos' or 'mark') and stands beside a word that takes a person.
LOWER_FIRST_NAME_MAX_ZIPF = 3.5
# A listed name in lower case beside a name in a list ('harm en toos kwakkel'): up to here; a
# more frequent lower-case word is a word ('Indiener, Kwakkel, stelt dat').
LOWER_COMPANION_MAX_ZIPF = 4.5
PERSON_PREPOSITIONS = frozenset({"met", "aan", "voor", "bij", "door", "volgens", "namens"})
# Endings of the abstract nouns that official titles compound ('-vergunningen', '-planning',
# '-coördinatie', '-beleid'): a compound with one of them is no name.
ABSTRACT_NOUN_ENDINGS = (
    "ing",
    "ingen",
    "atie",
    "aties",
    "heid",
    "heden",
    "schap",
    "schappen",
    "isme",
    "plan",
    "plannen",
    "beleid",
    "nota",
    "wet",
    "regeling",
    "verordening",
    "gelden",
    "kosten",
    "werk",
    "beheer",  # a team's name: 'Contactpersoon Ruimtebeheer'
    "zaken",
)
# Patronymic endings on a first name (Meertens Instituut; naamsaanneming 1811): 'Hendriks',
# 'Gerritsen', 'Pieterse', 'Dirkx', 'Willemszoon'.
PATRONYMIC_RE = re.compile(r"([A-Z][a-z]+?)(?:s|se|sen|sens|ssen|ssens|sz|szen|x|zoon|szoon)")
# 'werkzaam bij X', 'in dienst bij X', 'stage bij X': X is an employer.
EMPLOYER_WORDS = frozenset(
    {"werkzaam", "werkt", "werkte", "gewerkt", "dienst", "stage", "klant", "solliciteerde"}
)
# The rest of a surname with the old genitive article ('s, 't) fused by a hyphen, as
# "'s-Gravenzande" writes it: 's-' or 't-' and a capitalised word.
ELIDED_ARTICLE_RE = re.compile(r"[st]-[A-Z][a-z]{2,}")
# Words after which a capitalised word names a thing ('het Kwakkelink-project').
THING_ARTICLES = frozenset({"het", "een", "deze", "dit", "welke"})
# What a rule finds: (index of the first token, index after the last, source); the index
# after is -1 when the rule's context applies but holds no name.
_Hit = tuple[int, int, str]


# Words that head a list of persons ('Aanwezig:', 'Deelnemers aan de schouw waren X, Y en Z').
PERSON_GROUP_RE = re.compile(
    r"(?i)\b(?:aanwezig(?:en)?|afwezig(?:en)?|afgemeld|verhinderd|met\s+kennisgeving"
    r"|deelnemers|bewoners|omwonenden|insprekers|ondertekenaars|ondergetekenden|indieners"
    r"|betrokkenen|getuigen|eigenaren|huurders|genodigden|bezwaarmakers|aanvragers"
    # '... waren' may be on the next line of wrapped text, but not after a bulleted item
    r"|personen|namen)\b(?:(?:[^\n.:;]|\n(?![ \t]*[-•*\d]))"
    r"{0,50}?\b(?:waren|zijn|was|is)\b|[^\n.:;]{0,40}:)?[ \t]*"
)
# One item of a list: after a bullet or number, up to a comma, 'en', a bracket or the line end.
LIST_ITEM_RE = re.compile(
    r"(?:^|(?<=\n)|(?<=,)|(?<=\ben\b)|(?<=&))[ \t]*(?:[-•*–·▪]|\d{1,2}[.)])?[ \t]*"
    r"(?P<name>[^,\n()&]+?)(?=[ \t]*(?:,|\(|&|\ben\b|\n|$| - ))"
)


# One part of an enumeration ('a, b, en c'), without the joining 'en' / 'of'.
LIST_PART_RE = re.compile(
    r"(?:^|(?<=,)|(?<=&)|(?<=\sen\s)|(?<=\sof\s))\s*(?:(?:en|of)\s+)?"
    r"([^,&]+?)(?=\s*(?:,|&|\s(?:en|of)\s|$))"
)


# A line that starts with a street and a house number ('Molenstraat 4', 'Korte Kerkweg 12a').
STREET_LINE_RE = re.compile(r"\s*(?P<street>[A-Z][\w'.-]*(?:\s[\w'.-]+){0,3}?)\s\d{1,5}[a-zA-Z]?\b")


class _Part:
    """A piece of a header line with its offset (the interface of a regex match we use)."""

    def __init__(self, text: str, start: int) -> None:
        self._text, self._start = text, start

    def group(self) -> str:
        return self._text

    def start(self) -> int:
        return self._start


def _without_accents(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


class PersonRecogniser(_Recogniser):
    """Names in name context: after a title or salutation, initials + surname, a known first
    name + known surname, the name under a closing phrase, names in e-mail headers.

    A surname that is also a Dutch word (Visser, Bakker, Roos, de Wit) is never taken on its
    own; it needs one of the contexts above, or is spread later from a name already found."""

    ENTITY = "PERSON"

    def __init__(self, lookups: Lookups) -> None:
        super().__init__()
        self.lk = lookups
        # First words of the interfixes ('van' of 'van der'): most tokens are not one, and
        # the check below runs for nearly every token of every document.
        self._interfix_heads = frozenset(words[0] for words in lookups.interfixes)
        self._register_heads = frozenset(words[0] for words in lookups.register_interfixes)
        self._nobility = lookups.noble_titles | lookups.noble_predicates
        # every word that can start a relation, role or label context (a quick first test)
        self._relation_heads = frozenset(
            w.rstrip(".") for w in RELATION_WORDS | LABEL_WORDS | self._ROLE_WORDS | {"aan", "door"}
        )
        self._context_rules = tuple(getattr(self, name) for name in self._CONTEXT_RULES)
        self._fallback_rules = tuple(getattr(self, name) for name in self._FALLBACK_RULES)
        # First names in lower case, also without accents as lists write them ('busra'),
        # for the lower-case rule, which looks at nearly every lower-case token.
        self._lower_first_names = frozenset(
            form
            for name in lookups.first_names
            for form in (name.lower(), _without_accents(name.lower()))
        )

    # -- helpers
    def _interfix_len(self, tokens: list[Token], i: int, strong: bool = False) -> int:
        """Number of tokens of a surname prefix at i ('van der': 2), or 0. Where the context
        says a name comes (strong), every prefix of the population register counts ('in het',
        'op ten', 'aan de'); in running text only those that are no ordinary words."""
        heads, table = (
            (self._register_heads, self.lk.register_interfixes)
            if strong
            else (self._interfix_heads, self.lk.interfixes)
        )
        if i >= len(tokens) or tokens[i].low not in heads:
            return 0
        for size in (3, 2, 1):
            chunk = tokens[i : i + size]
            if len(chunk) == size and all(t.line == tokens[i].line for t in chunk):
                if tuple(t.low for t in chunk) in table:
                    return size
        return 0

    def _title_before_name(self, tokens: list[Token], j: int) -> bool:
        """A noble title that stands before a name ('graaf van Dorth', 'Baron Kwakkel'), not
        the surname Graaf itself ('Geachte heer Graaf,')."""
        if not self._noble(tokens[j]) or j + 1 >= len(tokens):
            return False
        nxt = tokens[j + 1]
        return nxt.line == tokens[j].line and (
            is_name_word(nxt.bare)
            or INITIALS_RE.match(nxt.text) is not None
            or self._interfix_len(tokens, j + 1, strong=True) > 0
        )

    def _noble(self, token: Token) -> bool:
        """An adellijke titel or predicaat ('baron', 'gravin', 'jhr.'), in any capitalisation."""
        return token.text.rstrip(".").lower() in self._nobility

    def _surname(
        self,
        tokens: list[Token],
        i: int,
        *,
        known_only: bool,
        allow_common: bool = False,
        strong: bool = False,
    ) -> int:
        """Index after a surname starting at i (with interfix and double surname), or -1."""
        n = len(tokens)
        j = i + self._interfix_len(tokens, i, strong) if i < n else i
        had_interfix = j > i
        if j >= n or tokens[j].line != tokens[i].line:
            return -1
        word = tokens[j].bare
        if not is_name_word(word) or word.lower() in self.lk.not_name_words:
            return -1
        if known_only and not had_interfix and word not in self.lk.surnames:
            if not ("-" in word and any(p in self.lk.surnames for p in word.split("-"))):
                return -1
        if word.lower() in self.lk.common_words and not had_interfix and not allow_common:
            return -1
        j += 1
        # double surname: Jansen-de Vries (token 'Jansen-de' + 'Vries'), or Jansen - Bakker
        tail = word.rsplit("-", 1)[1].lower() if "-" in word else ""
        if tail and tail in self.lk.interfix_words and j < n and tokens[j].line == tokens[i].line:
            after = self._surname(tokens, j, known_only=False, strong=True)
            if after > 0:
                return after
        if (
            j + 1 < n
            and tokens[j].text == "-"
            and tokens[j].line == tokens[i].line
            and not self._place_like(tokens[j + 1].bare)
        ):
            after = self._surname(tokens, j + 1, known_only=False, strong=strong)
            if after > 0:
                return after
        return j

    def _initials(self, tokens: list[Token], j: int) -> bool:
        """Initials at j; not 'P.S. Ik ben ...' or 'N.B. Dit ...' (an abbreviation before an
        ordinary word)."""
        word = tokens[j].text
        if not INITIALS_RE.match(word) or word in NOT_INITIALS:
            return False
        return not (
            word in POSTSCRIPTS
            and j + 1 < len(tokens)
            and tokens[j + 1].low in self.lk.common_words
        )

    def _given(self, tokens: list[Token], i: int) -> int:
        """Index after first names and/or initials starting at i, with an adellijke titel
        or predicaat after them ('A.B. baron', 'Maria gravin')."""
        j = i
        while j < len(tokens) and j - i < 5 and tokens[j].line == tokens[i].line:
            if self._initials(tokens, j) or self._first_name(tokens[j]):
                j += 1
            elif j > i and self._roepnaam(tokens, j):
                j += 3  # 'H.J.M. (Henk) Kwakkel': the name used, in brackets
            elif j > i and self._noble(tokens[j]) and j + 1 < len(tokens):
                j += 1
            else:
                break
        return j

    def _roepnaam(self, tokens: list[Token], j: int) -> bool:
        """'(Henk)' after initials: the first name a person goes by, as forms write it."""
        return (
            j + 2 < len(tokens)
            and tokens[j].text == "("
            and tokens[j + 2].text == ")"
            and is_name_word(tokens[j + 1].bare)
            and tokens[j + 2].line == tokens[j].line
        )

    def _given_surname(
        self,
        tokens: list[Token],
        i: int,
        *,
        known_only: bool,
        allow_common: bool = False,
        strong: bool = False,
    ) -> tuple[int, int]:
        """First names/initials from i, then a surname; when the first names swallowed the
        surname ('Piet Jansen': 'Jansen' is also a first name), give words back one by one.
        After initials or a noble title every register prefix counts (strong)."""
        g = self._given(tokens, i)
        strong = strong or (g > i and (self._initials(tokens, g - 1) or self._noble(tokens[g - 1])))
        s = self._surname(
            tokens, g, known_only=known_only, allow_common=allow_common, strong=strong
        )
        back = g
        while s < 0 and back - 1 > i:
            back -= 1
            s = self._surname(
                tokens, back, known_only=known_only, allow_common=allow_common, strong=strong
            )
            if s > 0:
                g = back
        return g, s

    def _first_name(self, token: Token) -> bool:
        word = token.text
        if token.dot or not is_name_word(word) or word.lower() in self.lk.interfix_words:
            return False
        if word in self.lk.first_names:
            return True
        # double first names: 'Joshua-Ben', 'Anne-Marie'
        parts = word.split("-")
        return len(parts) > 1 and all(p in self.lk.first_names for p in parts)

    def _loose_name(self, tokens: list[Token], k: int) -> int:
        """After a strong name context (a title such as 'mevrouw', 'de heer', 'mr.', or a
        relation such as 'mijn buurvrouw,'): initials, capitalised words and interfixes on
        one line, ending on a capitalised word ('Bliek', 'Van Hagen', 'T.A. van Oorschot',
        'Hoop de Vos'). Surnames that are also words ('Mulder', 'De Haan') count here.
        Returns the index after the name, or -1."""
        n = len(tokens)
        j, end = k, -1
        while j < n and j - k < 7 and tokens[j].line == tokens[k].line:
            if self._initials(tokens, j) or (end < 0 and self._title_before_name(tokens, j)):
                j += 1
                continue
            # before the surname every register prefix ('mevrouw In 't Veld'), after a name
            # word only those that are no ordinary words ('Tom Vos uit Breda' stays)
            size = self._interfix_len(tokens, j, strong=end < 0)
            if size:
                j += size
                continue
            if end > 0 and tokens[j].text == "tot" and self._noble_tot(tokens, k, j) > j:
                j += 1  # 'A.B. graaf Kwakkel tot Heemsvoort': a noble name goes on
                continue
            if self._elided_article_name(tokens, j):
                j += 2  # "heer 's-Gravenzande": the old genitive article fused by a hyphen
                end = j
                continue
            bare = tokens[j].bare
            low = bare.lower()
            if low.endswith(STREET_WORD_SUFFIXES) and low not in STREET_WORD_SUFFIXES:
                break  # 'bewoners van de Molenstraat': a street, not 'Van der Laan'
            if (
                is_name_word(bare)
                and low not in self.lk.not_name_words
                and low not in OFFICE_TITLES
                and low not in ORG_WORDS
            ):
                j += 1
                end = j
                if tokens[j - 1].dot:
                    break
                continue
            break
        return end

    @staticmethod
    def _elided_article_name(tokens: list[Token], j: int) -> bool:
        return (
            j + 1 < len(tokens)
            and tokens[j].text in {"'", "’"}
            and tokens[j + 1].start == tokens[j].end
            and ELIDED_ARTICLE_RE.fullmatch(tokens[j + 1].bare) is not None
        )

    @staticmethod
    def _mid_sentence(text: str, tokens: list[Token], i: int) -> bool:
        """The token does not start a sentence (nor the text, a line after a full stop, or a
        line of a list/letterhead)."""
        if i == 0:
            return False
        j = tokens[i].start - 1
        while j >= 0 and text[j].isspace():  # the last character before it (no copy)
            j -= 1
        if j < 0 or text[j] in ".!?:;\u2022-*":
            return False
        prev = tokens[i - 1]
        return prev.line == tokens[i].line or text[j] in ",abcdefghijklmnopqrstuvwxyz"

    # -- contexts added for material written by others
    def _name_word_ok(self, word: str) -> bool:
        """A capitalised word that may be part of a name: no Dutch word, place, street,
        office or organisation word."""
        low = word.lower()
        return (
            is_name_word(word)
            and low not in self.lk.common_words
            and low not in self.lk.not_name_words
            and low not in OFFICE_TITLES
            and low not in ORG_WORDS
            and not self._place_like(word)
        )

    def _known_surname_word(self, word: str) -> bool:
        return (
            word in self.lk.surnames
            and word.lower() not in self.lk.common_words
            and not self._place_like(word)
        )

    def _unknown_given(self, tokens: list[Token], i: int) -> bool:
        tok = tokens[i]
        return (
            not tok.dot
            and tok.text not in self.lk.first_names
            and self._name_word_ok(tok.text)
            and tok.text not in self.lk.surnames
        )

    def _alone_first_name(self, tokens: list[Token], i: int) -> bool:
        tok = tokens[i]
        word = tok.bare
        if INITIALS_RE.match(tok.text) or word not in self.lk.first_names:
            return False
        if word.lower() in self.lk.common_words or self._place_like(word):
            return False
        if word.lower() in self.lk.not_name_words or word.lower() in ORG_WORDS:
            return False
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        # part of a longer capitalised phrase ('Victoria Hotel', 'Maria Magdalena Kerk'):
        # leave it to the organisation and name rules
        return not (nxt and nxt.line == tok.line and is_cap(nxt.text) and not nxt.dot)

    def _lower_case_name(self, tokens: list[Token], i: int) -> int:
        """Index after a name written all in lower case, informally ('kees van der molen',
        'ingrid bakhuizen'), or -1: a listed first name that is no Dutch word, not after an
        article ('de roos van de tuin'), then on its line a surname: a listed one that is no
        frequent word (after an interfix also one that is: 'van der haar'), or a word that is
        rare in Dutch text and no place or street."""
        n = len(tokens)
        tok = tokens[i]
        word = tok.text
        parts = word.split("-")  # 'anne-fleur'
        if tok.dot or not all(p.isalpha() and p.islower() for p in parts) or len(word) < 3:
            return -1
        if (
            not all(self._listed_first_name(part) for part in parts)
            or word in self.lk.common_words
            or word in self.lk.not_name_words
            or word in ORG_WORDS
            or word in self.lk.places
            or (i > 0 and tokens[i - 1].low in LOWER_CASE_NAME_BLOCKERS)
        ):
            return -1
        size = self._interfix_len(tokens, i + 1)
        j = i + 1 + size
        if j >= n or tokens[j].line != tok.line:
            return -1
        last = tokens[j].bare
        if not last.replace("-", "").isalpha() or not last.islower() or len(last) < 3:
            return -1
        if last in self.lk.not_name_words or last in ORG_WORDS:
            return -1
        if last.endswith(STREET_WORD_SUFFIXES):
            return -1
        # many surnames are first names too ('pepijn leroy')
        if last.capitalize() in self.lk.surnames or last.capitalize() in self.lk.first_names:
            ok = (
                size > 0
                # 'gerrit kok': after a first name that is rare as a word, any listed
                # surname but the most frequent words
                or (zipf(word) < RARE_FIRST_NAME_MAX_ZIPF and zipf(last) < STOP_WORD_MIN_ZIPF)
                or (zipf(last) < SURNAME_AS_WORD_MIN_ZIPF and last not in self.lk.common_words)
            )
        else:
            # a street list holds many names ('Dennenberg'); a place alone does not
            ok = zipf(last) < RARE_WORD_MAX_ZIPF and last not in self.lk.places
        if f"{word} {last}" in LOWER_CASE_ORG_NAMES:  # 'albert heijn'
            return -1
        return j + 1 if ok else -1

    def _listed_first_name(self, lower: str) -> bool:
        """'büsra' as 'Büsra' or, as lists often write it, 'Busra'."""
        return lower in self._lower_first_names or (
            not lower.isascii() and _without_accents(lower) in self._lower_first_names
        )

    def _rare_name_part(self, word: str) -> bool:
        """A capitalised word that Dutch text hardly knows and no list calls a place, street,
        organisation or office: in a name context-free pair, most likely part of a name
        ('Semrin', 'Faltyn', 'Birnbaum')."""
        return self._name_word_ok(word) and self._rare_in_dutch(word.lower())

    def _rare_in_dutch(self, low: str) -> bool:
        """Rare in Dutch text, and no compound of Dutch words ('ontwerpbestemmingsplan') nor
        a place or word with a part added ('kamperland-zuid')."""
        if "-" in low:
            return all(
                self._rare_in_dutch(part) and part not in self.lk.places
                for part in low.split("-")
                if part
            )
        # Short names split into two words too easily ('rok' + 'sana'); the compounds that
        # stand capitalised in titles are long ('ontwerpbestemmingsplan').
        return zipf(low) < RARE_WORD_MAX_ZIPF and not (len(low) >= 10 and is_compound(low))

    def _unknown_pair(self, text: str, tokens: list[Token], i: int) -> int:
        """Index after two capitalised words in a row that Dutch text hardly knows, or -1:
        names the lists do not have ('Semrin İhsanoğlu', 'Maurycy Faltyn'). Mid-sentence,
        or anywhere when a word has a letter Dutch words never have (ğ, ş, ı, ł, ż ...)."""
        n = len(tokens)
        if i + 1 >= n:
            return -1
        first, second = tokens[i], tokens[i + 1]
        if first.dot or second.line != first.line:
            return -1
        if not (self._rare_name_part(first.text) and self._rare_name_part(second.bare)):
            return -1
        foreign = FOREIGN_NAME_LETTERS.search(first.text + second.bare)
        after_label = text[: first.start].rstrip().endswith(":")  # 'Patiënt: Semrin Aksu'
        if not (foreign or after_label or self._mid_sentence(text, tokens, i)):
            return -1
        return i + 2

    def _bare_surname(self, tokens: list[Token], i: int) -> int:
        """Index after a surname with its interfix and nothing before it, in running text
        ('sprak met van der Kortekaas'), or -1: a lower-case interfix, then a listed surname
        that is no frequent Dutch word, place or street ('van der Meer', 'de Raad' and
        'van Kapelle' stay)."""
        size = self._interfix_len(tokens, i)
        j = i + size
        if not size or not tokens[i].text.islower() or j >= len(tokens):
            return -1
        surname = tokens[j]
        word = surname.bare
        if surname.line != tokens[i].line or surname.dot:
            return -1
        if (
            word not in self.lk.surnames
            or not self._name_word_ok(word)
            or zipf(word.lower()) >= SURNAME_AS_WORD_MIN_ZIPF
        ):
            return -1
        if word in self.lk.first_names and self._given_surname(tokens, j, known_only=False)[1] > 0:
            return -1  # 'het bezwaar van Karel Vander Elst': 'van' starts no name here
        return j + 1

    def _extend(self, tokens: list[Token], start: int, end: int) -> int:
        """Take the further parts of a compound surname: 'Anna de Wit Verstraete-Uitdenboom',
        'Louise Goossens van Woerden', "Sylvie 's Gravenhage-Bresser"."""
        n = len(tokens)
        line = tokens[end - 1].line
        while end < n and tokens[end].line == line and not tokens[end - 1].dot:
            size = self._interfix_len(tokens, end)
            nxt = end + size
            if nxt < n and tokens[nxt].line == line and size and is_name_word(tokens[nxt].bare):
                if (
                    tokens[nxt].bare.lower() in self.lk.not_name_words
                    or tokens[nxt].bare in self.lk.first_names
                    or self._place_like(tokens[nxt].bare)
                ):
                    # 'Kees Bakker van Albert Heijn': another name starts here; 'Piet Jansen
                    # van de Dorpsstraat', '... van Kortgene': where the person lives
                    break
                end = nxt + 1
                continue
            if (
                not size
                and self._name_word_ok(tokens[end].bare)
                and tokens[end].bare not in self.lk.first_names
            ):
                end += 1
                continue
            partner = self._partner_name(tokens, end)
            if partner > end:
                end = partner
                continue
            break
        return end

    def _partner_name(self, tokens: list[Token], end: int) -> int:
        """Naamgebruik with spaces around the hyphen: 'van Dam - Bakker', 'Jansen – de Wit'
        (own name and partner's name in either order). Index after the second name or -1."""
        if end + 1 >= len(tokens) or tokens[end].text not in {"-", "–"}:
            return -1
        if tokens[end + 1].line != tokens[end - 1].line or self._place_like(tokens[end + 1].bare):
            return -1
        after = self._surname(tokens, end + 1, known_only=False, strong=True)
        if after < 0 or tokens[after - 1].bare.lower() in OFFICE_TITLES | ORG_WORDS:
            return -1
        return after

    _ROLE_WORDS = {
        "opdrachtgever",
        "aanvrager",
        "aanvraagster",
        "eigenaar",
        "eigenaresse",
        "verdachte",
        "bestuurder",
        "werknemer",
        "werkneemster",
        "patiënt",
        "patiente",
        "patiënte",
        "cliënt",
        "client",
        "cliënte",
        "leerling",
        "gedetineerde",
        "klant",
        "contactpersoon",
        "namens",
        "tav",
        "t.a.v",
        "tnv",
        "t.n.v",
        "getuige",
        "melder",
        "indiener",
        "bezwaarmaker",
        "belanghebbende",
        "erflater",
        "overledene",
        "curator",
        "bewindvoerder",
        "mentor",
        "voogd",
    }
    # labels after which a place is where the person lives or owns, not a name
    _PLACE_LABELS = frozenset({"bewoner", "bewoonster", "eigenaar", "eigenaresse"})
    _PARTICIPLE_RE = re.compile(
        r"(?i)^(?:ge|be|ver|ont|her|af|aan|op|in|uit|toe|over|onder|door|mee|na|voor|toe)"
        r"\w{2,}(?:d|t|en)$"
    )

    def _label_word(self, text: str, tokens: list[Token], i: int) -> bool:
        """A label or role word with a colon or comma after it: 'Aanvrager:', 'Persoon:',
        'Ondergetekende,', 'Contactpersoon:'; the word after it is a name, whatever it is."""
        return (
            tokens[i].low in LABEL_WORDS
            and i + 1 < len(tokens)
            and tokens[i + 1].text in {":", ","}
            and tokens[i + 1].line == tokens[i].line
        )

    def _role_context(self, tokens: list[Token], i: int) -> bool:
        """'opdrachtgever: X', 'namens X', 't.a.v. X', 'afgegeven aan X', 'beheerd door X'."""
        word = tokens[i].low.rstrip(".")
        if word in self._ROLE_WORDS:
            return True
        return (
            word in {"aan", "door"}
            and i > 0
            and tokens[i - 1].line == tokens[i].line
            and bool(self._PARTICIPLE_RE.match(tokens[i - 1].text))
        )

    _INTRO_RE = re.compile(
        r"(?i)(?:\b(?:mijn|zijn|haar|onze|de)\s(?:voor|achter|roep)?naam\s(?:is|was|luidt)(?:\sniet)?"
        r"|\b(?:mijn|zijn|haar|onze|de|met\sde)\s(?:voor|achter|roep)?naam(?:\sniet)?"
        r"|\bik\sheet|\b(?:hij|zij|ze)\sheet|\bheet\s(?:ik|hij|zij|ze)"
        r"|\b(?:voor|achter)?naam[ ]?:)[ \t]*$"
    )

    def _name_intro(self, text: str, tokens: list[Token], i: int) -> bool:
        """The token ends 'mijn naam is', 'ik heet', 'met de achternaam', 'naam:'."""
        if tokens[i].low not in {
            "is",
            "was",
            "luidt",
            "niet",
            "heet",
            "ik",
            "hij",
            "zij",
            "ze",
            ":",
            "naam",
            "achternaam",
            "voornaam",
            "roepnaam",
        }:
            return False
        if i + 1 < len(tokens) and tokens[i + 1].low in {"is", "was", "luidt", "niet"}:
            return False  # the introduction goes on: 'mijn naam | is ...'
        before = text[max(0, tokens[i].end - 40) : tokens[i].end]
        return bool(self._INTRO_RE.search(before))

    _INTRO_STOP = {"en", "ik", "je", "maar", "dus", "want", "of", "uit", "wij", "we", "zij", "niet"}

    def _introduced_name(self, tokens: list[Token], k: int) -> int:
        """After 'mijn naam is': the name, also written in lower case ('jan de vries'), up to
        a conjunction, punctuation or the end of the line."""
        n = len(tokens)
        j, end = k, -1
        while j < n and j - k < 5 and tokens[j].line == tokens[k].line:
            size = self._interfix_len(tokens, j)
            if size and j > k:
                j += size
                continue
            word = tokens[j].bare
            low = word.lower()
            if not word.replace("-", "").isalpha() or low in self._INTRO_STOP:
                break
            cap = word[:1].upper() + word[1:]
            known = cap in self.lk.first_names or cap in self.lk.surnames
            informal = tokens[k].text[:1].islower()  # 'mijn naam is jan de vries'
            if (
                j == k
                or is_name_word(word)
                or (informal and (known or low not in self.lk.common_words))
            ):
                j += 1
                end = j
                if tokens[j - 1].dot:
                    break
            else:
                break
        return end

    def _name_before_address(self, text: str, tokens: list[Token], i: int) -> int:
        """'Hoop Visser van Veerweg 2 kan dit bevestigen', 'Busra Celik, Voorstraat 57':
        capitalised words right before 'van' or a comma and a street with a house number are
        a person's name, whatever the words mean on their own. Returns the end or -1."""
        n = len(tokens)
        j = i
        words = 0
        while j < n and j - i < 5 and tokens[j].line == tokens[i].line:
            size = self._interfix_len(tokens, j) if j > i else 0
            if size:
                if j + size < n and self._place_like(tokens[j + size].bare):
                    break  # 'van Veerweg 2': the address starts here
                j += size
                continue
            word = tokens[j].bare
            low = word.lower()
            if (
                tokens[j].dot
                or not is_name_word(word)
                or low in self.lk.not_name_words
                or low in OFFICE_TITLES
                or low in ORG_WORDS
                or (self._place_like(word) and word not in self.lk.surnames)
            ):
                break
            j += 1
            words += 1
        if words < 2 or j + 1 >= n or tokens[j].text not in {"van", ","}:
            return -1
        street = tokens[j + 1]
        if street.line != tokens[i].line or not self._place_like(street.bare):
            return -1
        if not re.match(r"[ ]\d", text[street.end : street.end + 2]):
            return -1
        return j

    def _town_or_street(self, word: str) -> bool:
        """A place, or a street by its ending ('Molenstraat'); not every name the street
        lists hold ('Geerhuizen' is a surname as well)."""
        low = word.lower()
        return low in self.lk.places or low.endswith(STREET_WORD_SUFFIXES)

    def _place_like(self, word: str) -> bool:
        """A street or place name ('Noordlandsweg' in 'Burak Yilmaz - Noordlandsweg 52')."""
        low = word.lower()
        return low in self.lk.streets or low in self.lk.places or low.endswith(STREET_WORD_SUFFIXES)

    def _is_title(self, token: Token) -> bool:
        if len(token.text.rstrip(".")) >= 2 and token.text.rstrip(".").isupper():
            return False  # 'BC', 'DR' in a postcode, 'MR' in a heading
        word = token.text.rstrip(".").lower()
        return word in TITLE_WORDS or word in self.lk.prefixes or word in self.lk.noble_predicates

    # -- the rules: each looks at token i and says whether it applies (None: no, the next
    # rule may) and, if so, which tokens are a name: (first, after, source), after -1 when
    # the context applies but holds no name. The first rule that applies decides; when it
    # finds no name, the fallback rules look at the token too.
    def _title_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """After a title or salutation: 'de heer mr. dr. J. de Vries', 'Beste Piet',
        'Geachte mevrouw Kwakkelstein', 'dr A', 'mw. JK'."""
        n = len(tokens)
        tok = tokens[i]
        if not (self._is_title(tok) or (tok.low in SALUTATIONS and i + 1 < n)):
            return None
        k = i
        while k < n and (self._is_title(tokens[k]) or tokens[k].low in SALUTATIONS):
            k += 1
        if k + 1 < n and tokens[k].low == "de" and self._is_title(tokens[k + 1]):
            k += 2
        if k >= n:
            return (k, -1, "title")
        strong = any(self._is_title(tokens[x]) for x in range(i, k))
        if strong and tokens[k].line == tok.line and BARE_INITIALS_RE.match(tokens[k].text):
            # initials without their dots: 'dr A', 'mw. JK', 'Dr. A van der Meer'
            after = self._loose_name(tokens, k + 1) if k + 1 < n else -1
            if after > k + 1 and tokens[after - 1].line == tok.line:
                return (k, self._hyphen_partner(text, tokens, after), "title")
            return (k, k + 1, "title")
        loose = self._loose_name(tokens, k) if strong else -1
        if strong and self._initials(tokens, k):
            # 'De heer B. VAN DER KWAKKEL': the initials rule knows surnames in capitals
            hit = self._initials_rule(text, tokens, k)
            if hit is not None and hit[1] > loose:
                loose = hit[1]
        elif strong and loose <= k and self._caps_surname(tokens, k, i):
            loose = k + 1  # 'Mevrouw KWAKKELSMA': a surname in capitals after a title
        if loose > k and tokens[loose - 1].line == tok.line:
            return (k, self._hyphen_partner(text, tokens, loose), "title")
        g, s = self._given_surname(tokens, k, known_only=False, strong=True)
        if s > 0 and tokens[s - 1].line == tok.line:
            return (k, s, "title")
        if g > k:
            return (k, g, "title")  # 'Beste Piet'
        if strong:
            return (k, self._lower_surname(tokens, k), "title")
        return (k, self._greeted_lower(tokens, k), "title")

    def _hyphen_partner(self, text: str, tokens: list[Token], end: int) -> int:
        """'Mevrouw KWAKKEL-VAN BRAKEL': a name that ends in a hyphen and a prefix goes on
        with the partner's name (capitals stop the other name rules there)."""
        if "-" not in tokens[end - 1].text:
            return end
        partner = self._hyphen_prefix_rule(text, tokens, end - 1)
        return max(end, partner[1]) if partner is not None else end

    def _greeted_lower(self, tokens: list[Token], k: int) -> int:
        """'Hoi kwakkelink,', 'beste marloes!': after a salutation, informal text writes the
        name in lower case; a listed name or a word Dutch text does not know, then a comma,
        '!' or the line's end ('Beste allemaal,', 'Hoi buren,' stay). Index after it or -1."""
        if k >= len(tokens) or tokens[k].line != tokens[k - 1].line:
            return -1
        word = tokens[k].text
        if not (word.isalpha() and word.islower() and len(word) >= 3):
            return -1
        if k + 1 < len(tokens) and tokens[k + 1].line == tokens[k].line:
            if tokens[k + 1].text not in {",", "!"}:
                return -1
        if word in self.lk.common_words or word in self.lk.not_name_words:
            return -1
        if word in OFFICE_TITLES or word in ORG_WORDS or word in ROLE_NOUNS:
            return -1
        frequency = zipf(word)
        cap = word.capitalize()
        listed = (cap in self.lk.first_names or cap in self.lk.surnames) and (
            frequency < LOWER_SURNAME_MAX_ZIPF
        )
        unknown = frequency < UNKNOWN_WORD_MAX_ZIPF and not is_compound(word)
        return k + 1 if listed or unknown else -1

    def _lower_surname(self, tokens: list[Token], k: int) -> int:
        """'mevrouw de bock', 'meneer kwakkelstein': after a title, a surname written in lower
        case: a listed surname that is no frequent word, or a word Dutch text hardly knows
        (not 'mevrouw zegt', 'meneer de wethouder'). Index after it, or -1."""
        size = self._interfix_len(tokens, k, strong=True)
        j = k + size
        if j >= len(tokens) or tokens[j].line != tokens[k].line:
            return -1
        word = tokens[j].bare
        if not (word.isalpha() and word.islower() and len(word) >= 3):
            return -1
        if word in OFFICE_TITLES or word in ORG_WORDS or word in ROLE_NOUNS:
            return -1
        if word in self.lk.not_name_words:
            return -1
        frequency = zipf(word)
        # after a prefix any listed surname ('mevrouw van der meer')
        listed = word.capitalize() in self.lk.surnames and (size or frequency < STOP_WORD_MIN_ZIPF)
        # Flemish surnames the lists lack ('verbeke') are about as rare as this in Dutch text;
        # after a prefix a place is a surname too ('meneer van westfalen')
        rare = (
            frequency < LOWER_SURNAME_MAX_ZIPF
            and word not in self.lk.common_words
            and (size or word not in self.lk.places)
        )
        return j + 1 if listed or rare else -1

    def _initials_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """Initials, then a surname: 'J.K. de Vries', 'A.B. baron van Dorth', 'A. de J.'."""
        if not self._initials(tokens, i):
            return None
        _, s = self._given_surname(tokens, i, known_only=False, strong=True)
        if s > 0:
            return (i, self._noble_tot(tokens, i, s), "initials")
        # 'A. de J.': initials, an interfix and the surname's initial
        g = self._given(tokens, i)
        size = self._interfix_len(tokens, g)
        j = g + size
        if size and j < len(tokens) and tokens[j].line == tokens[i].line:
            if re.fullmatch(r"[A-Z]\.", tokens[j].text):
                return (i, j + 1, "initials")
        if self._caps_surname(tokens, g, i):
            return (i, g + 1, "initials")
        # 'J.P. VAN DER KWAKKEL': a prefix in capitals too
        if size and tokens[g].text.isupper() and self._caps_surname(tokens, j, i):
            return (i, j + 1, "initials")
        return (i, -1, "initials")

    def _noble_tot(self, tokens: list[Token], i: int, end: int) -> int:
        """'A.B. graaf Kwakkel tot Heemsvoort', 'jhr. mr. A. Kwakkel tot Heemsvoort': a noble
        name goes on after 'tot'; the predicate may stand before the initials' titles."""
        if (
            end + 1 < len(tokens)
            and tokens[end].text == "tot"
            and tokens[end + 1].line == tokens[i].line
            and any(self._noble(tokens[x]) for x in range(max(0, i - 3), end))
            and is_name_word(tokens[end + 1].bare)
        ):
            return max(end, self._loose_name(tokens, end + 1))
        return end

    def _caps_surname(self, tokens: list[Token], j: int, i: int) -> bool:
        """'J. KWAKKELINK', 'A.B. STRUIKELSMA': after initials a surname written in capitals, as
        ledgers and forms write it; not an acronym ('A. NVWA': no Dutch onset) nor a
        frequent word or a place."""
        if j >= len(tokens) or tokens[j].line != tokens[i].line:
            return False
        word = tokens[j].text
        if not (word.isalpha() and word.isupper() and len(word) >= CAPS_SURNAME_MIN_LEN):
            return False
        low = word.lower()
        if not DUTCH_ONSET_RE.match(low) or low in self.lk.not_name_words:
            return False
        if low in OFFICE_TITLES or low in ORG_WORDS or self._town_or_street(word.capitalize()):
            return False
        return word.capitalize() in self.lk.surnames or (
            low not in self.lk.common_words and zipf(low) < LOWER_SURNAME_MAX_ZIPF
        )

    def _introduced_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """After 'mijn naam is', 'ik heet', 'Naam:'."""
        if i + 1 >= len(tokens) or not self._name_intro(text, tokens, i):
            return None
        return (i + 1, self._introduced_name(tokens, i + 1), "introduced")

    def _relation_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """After a relation or role: 'mijn buurvrouw, Hoop de Vos', 'opdrachtgever: X',
        'Aanvrager: Kwakkelstein', 'Ondergetekende, Jansen'."""
        n = len(tokens)
        word = tokens[i].low
        if i + 1 >= n or word.rstrip(".") not in self._relation_heads:  # most: one look-up
            return None
        label = self._label_word(text, tokens, i)
        # 'Ondergetekende Kwakkelaar verzoekt': a label without its comma, then a word Dutch
        # text does not know
        # 'Contactpersoon is Kwakkelaar': the label as a sentence
        copula = int(tokens[i + 1].low in {"is", "was"} and i + 2 < n and word in LABEL_WORDS)
        bare_label = (
            word in LABEL_WORDS
            and tokens[i + 1 + copula].line == tokens[i].line
            and self._unknown_name_word(tokens[i + 1 + copula].bare)
        )
        role = bare_label or self._role_context(tokens, i)
        if not (word in RELATION_WORDS or label or role):
            return None
        k = i + 1 + (tokens[i + 1].text in {",", ":"}) + copula
        if k < n and self._is_title(tokens[k]):
            return (k, -1, "relation")  # 'Contactpersoon: Dhr. X': the title rule takes X
        loose = self._loose_name(tokens, k) if k < n else -1
        # 'Bewoner: Middelburg' is where, not who; after 'Indiener:' or 'Ondergetekende,' a
        # word that is also the name of a hamlet Dutch text does not know is a surname
        where = (
            not label
            or word in self._PLACE_LABELS
            or zipf(tokens[k].bare.lower()) >= UNKNOWN_WORD_MAX_ZIPF
        )
        if loose <= k or (loose == k + 1 and where and self._town_or_street(tokens[k].bare)):
            return (k, -1, "relation")
        if (
            loose - k >= 2
            or self._first_name(tokens[k])
            or tokens[k].bare in self.lk.surnames
            # 'de weduwe Kwakkelsma', 'het echtpaar Kwakkel-Pluimers': a relation word, then
            # a word that is no Dutch word, place, office or organisation word
            or (
                word in RELATION_WORDS
                and tokens[k].line == tokens[i].line
                and self._name_word_ok(tokens[k].bare)
            )
            # 'Persoon: Kwakkelstein', 'Aanvrager: Brouwer': one word after a label, when
            # it is no Dutch word or a listed surname
            or (
                label
                and tokens[k].line == tokens[i].line
                and (
                    tokens[k].bare.lower() not in self.lk.common_words
                    or tokens[k].bare in self.lk.surnames
                )
            )
            # 'Contactpersoon Kwakkelaar is ...', 'Behandeld door Wierdenbroek,': after a
            # role without a colon, a word Dutch text does not know at all
            or (
                tokens[k].line == tokens[i].line
                and role
                and self._unknown_name_word(tokens[k].bare)
            )
            # 'mijn kinderen Busra en Lenn': two names after a relation word
            or (
                loose + 1 < n
                and tokens[loose].text == "en"
                and is_name_word(tokens[loose + 1].bare)
            )
        ):
            return (k, loose, "relation")
        return (k, -1, "relation")

    def _first_name_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """A listed first name, then a surname ('Piet Jansen', 'Joshua-Ben Lutterveld'), or
        on its own when it is no Dutch word ('Sanne is bereikbaar via ...')."""
        tok = tokens[i]
        if not self._first_name(tok):
            return None
        _, s = self._given_surname(tokens, i, known_only=True)
        if s > 0:
            return (i, s, "first_name")
        if tok.low not in self.lk.common_words:
            # A first name that is no Dutch word, then a capitalised word that is no word,
            # place or street either: 'Joshua-Ben Lutterveld'.
            g, s = self._given_surname(tokens, i, known_only=False, allow_common=True)
            last = tokens[s - 1].bare.lower() if s > 0 else ""
            if (
                s > g
                and (
                    last not in self.lk.common_words
                    or (s == g + 1 and tokens[g].bare in self.lk.surnames)
                )
                and not last.endswith(STREET_WORD_SUFFIXES)
                and last not in ORG_WORDS
                and last not in OFFICE_TITLES
            ):
                return (i, s, "first_name")
        if self._alone_first_name(tokens, i):
            # 'mijn zoons Bram en Ali': a first name that is no Dutch word, place or street
            return (i, i + 1, "first_name_alone")
        return (i, -1, "first_name")

    def _dotted_first_name_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'... de verjaardag van Daan.': a first name alone at the end of a sentence."""
        if tokens[i].dot and self._alone_first_name(tokens, i):
            return (i, i + 1, "first_name_alone")
        return None

    def _lower_case_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        end = self._lower_case_name(tokens, i)
        return (i, end, "lower_case") if end > i else None

    def _unknown_given_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'als je Elivia Maduro zelf wilt spreken': an unknown capitalised word, then a
        listed surname that is no Dutch word."""
        if (
            i + 1 < len(tokens)
            and self._mid_sentence(text, tokens, i)
            and self._unknown_given(tokens, i)
            and tokens[i + 1].line == tokens[i].line
            and self._known_surname_word(tokens[i + 1].bare)
        ):
            return (i, i + 2, "first_name")
        return None

    def _interfix_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'Hoop de Vos' in running text: a capitalised word that does not start a sentence,
        then an interfix and a known surname or a word that may be a name."""
        if not self._mid_sentence(text, tokens, i):
            return None
        size = self._interfix_len(tokens, i + 1)
        j = i + 1 + size
        word = tokens[i].text
        low = word.lower()
        if (
            size
            and j < len(tokens)
            and tokens[j].line == tokens[i].line
            and tokens[i + 1].text.islower()
            and is_name_word(tokens[j].bare)
            and (tokens[j].bare in self.lk.surnames or self._name_word_ok(tokens[j].bare))
            and tokens[j].bare.lower() not in self.lk.places
            and is_name_word(word)
            and low not in self.lk.not_name_words
            and low not in OFFICE_TITLES
            and low not in ORG_WORDS
            and low not in self.lk.places
            and low not in self.lk.streets
        ):
            return (i, j + 1, "interfix")
        return (i, -1, "interfix")

    def _unknown_pair_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        end = self._unknown_pair(text, tokens, i)
        return (i, end, "unknown_pair") if end > i else None

    def _bare_surname_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        if not self._mid_sentence(text, tokens, i):
            return None
        end = self._bare_surname(tokens, i)
        return (i, end, "bare_surname") if end > i else None

    def _person_verb_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """A surname alone where the sentence says it is a person: before or after a verb of
        saying or doing that takes a person ('Kwakkelstein zegt', 'belde Kwakkelstein'), or
        after 'volgens'/'aldus'. The word must be a listed surname that is no Dutch word, or
        a word Dutch text hardly knows."""
        prev = tokens[i - 1].low if i > 0 else ""
        before = prev in PERSON_VERBS or prev in {"volgens", "aldus"}
        if not (before or is_cap(tokens[i].text)):
            return None
        end = self._surname(tokens, i, known_only=False)
        if end < 0 or tokens[end - 1].dot:
            return None
        if not self._surname_alone(tokens, i, end):
            return None
        # 'X zegt' where X starts the clause, not 'het buurtcomité X vraagt' (X names a thing)
        after = (
            end < len(tokens)
            and self._person_verb_after(tokens, end)
            and (
                prev in CLAUSE_STARTS
                or i == 0
                or tokens[i - 1].line != tokens[i].line  # a new line (not a wrapped one)
                or not self._mid_sentence(text, tokens, i)
            )
        )
        same_line = i == 0 or tokens[i - 1].line == tokens[i].line
        return (i, end, "person_verb") if after or (before and same_line) else None

    @staticmethod
    def _person_verb_after(tokens: list[Token], end: int) -> bool:
        """'X zegt', and in the perfect tense 'X heeft gebeld', 'X is verhuisd'."""
        word = tokens[end].bare.lower()
        if word in PERSON_VERBS:
            return True
        return (
            word in {"heeft", "had", "is", "was"}
            and end + 1 < len(tokens)
            and tokens[end + 1].bare.lower() in PERSON_PARTICIPLES
        )

    def _surname_alone(self, tokens: list[Token], i: int, end: int) -> bool:
        """Tokens i..end are a surname without first name or initials: after a capitalised
        prefix any listed surname or unknown word ('Van Gemert', 'De Winter'); else a listed
        surname that is no Dutch word, or a word Dutch text hardly knows, also a compound
        ('Geerhuizen') or a name the street lists have (streets are named after people)."""
        last = tokens[end - 1].bare
        low = last.lower()
        if not is_name_word(last) or low in self.lk.not_name_words | OFFICE_TITLES | ORG_WORDS:
            return False
        if end - i >= 2 and is_cap(tokens[i].text):
            return last in self.lk.surnames or low not in self.lk.common_words
        rare = (
            zipf(low) < RARE_WORD_MAX_ZIPF
            and low not in self.lk.places
            and not low.endswith(STREET_WORD_SUFFIXES)
        )
        return rare or self._known_surname_word(last)

    def _before_address_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        end = self._name_before_address(text, tokens, i)
        return (i, end, "before_address") if end > i else None

    def _name_prefix_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'v/d Kwakkel', 'van der Kapelle' at the start of a line: a prefix that only names
        have, then a capitalised word (see NAME_ONLY_PREFIX_TAILS)."""
        size = self._interfix_len(tokens, i, strong=True)
        j = i + size
        if not size or j >= len(tokens) or tokens[j].line != tokens[i].line:
            return None
        words = [t.low for t in tokens[i:j]]
        name_only = " ".join(words) in ABBREVIATED_PREFIXES or (
            size >= 2 and words[-1] in NAME_ONLY_PREFIX_TAILS and words[0] != words[-1]
        )
        word = tokens[j].bare
        low = word.lower()
        # informal text writes the whole name in lower case: 'van der kwakkel'
        lower = tokens[i].text.islower() and word.isalpha() and word.islower()
        if lower and (len(word) < 3 or zipf(low) >= STOP_WORD_MIN_ZIPF):
            return None
        if (
            not name_only
            or not (lower or is_name_word(word))
            or low in self.lk.not_name_words | OFFICE_TITLES | ORG_WORDS
            or low.endswith(STREET_WORD_SUFFIXES)
            or f"{words[-1]} {low}" in self.lk.places
        ):
            return None
        if j + 1 < len(tokens) and tokens[j + 1].bare.lower() in ORG_WORDS:
            return None  # 'van den Kwakkel Coöperatie' names a firm
        return (i, j + 1, "name_prefix")

    def _inverted_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """The register's sort order, in lists and ledgers: surname, initials, then the
        prefix ('Kwakkel, A.B. van der', 'Kwakkel A v.', 'Kwakkel, J.'). Without a comma the
        prefix must be there, and nothing name-like may follow it ('Bijlage A van de raad'
        stays)."""
        n = len(tokens)
        word = tokens[i].bare
        low = word.lower()
        if i + 2 >= n or not is_name_word(word) or tokens[i + 1].line != tokens[i].line:
            return None
        if low in self.lk.not_name_words | OFFICE_TITLES | ORG_WORDS or low in ROLE_NOUNS:
            return None
        comma = tokens[i + 1].text == ","
        k = j = i + 1 + comma
        # the layout may wrap the line after the comma: 'Kwakkel,\nA.B. van der'
        line = tokens[k].line
        while j < n and j - k < 3 and tokens[j].line == line:
            if self._initials(tokens, j) or (
                BARE_INITIALS_RE.match(tokens[j].text) and len(tokens[j].text) <= 2
            ):
                j += 1
            else:
                break
        if j == k or (
            (low in self.lk.common_words or zipf(low) >= RARE_FIRST_NAME_MAX_ZIPF - 1)
            and word not in self.lk.surnames
        ):
            return None  # 'Bijlage A van de raad', 'Variant B van 2019'

        size = self._interfix_len(tokens, j, strong=True) if j < n else 0
        end = j + size
        if end < n and tokens[end].line == line:
            nxt = tokens[end].text
            # after the prefix: the line ends, or a number, sign or abbreviation follows
            if size and not (nxt[:1].isdigit() or not nxt[:1].isalpha() or nxt.isupper()):
                return None
            if not size and (is_name_word(nxt) or nxt.lower() in self._interfix_heads):
                return None  # 'Jansen, P. de Vries': a list, each name on its own
        if size:
            return (i, end, "inverted")
        if (
            not comma
            and j == k + 1
            and len(tokens[k].text) == 1
            and self._known_surname_word(word)
            and zipf(low) < LOWER_SURNAME_MAX_ZIPF
        ):
            return (i, j, "inverted")  # 'Kwakkelink M commissielid': a ledger line
        dotted = all(INITIALS_RE.match(tokens[x].text) for x in range(k, j))
        if not (comma and dotted) or self._place_like(word):
            return None
        return (i, j, "inverted")

    def _caps_initials_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'N KWAKKELINK', 'RJ KWAKKELINK' in a ledger line: one or two capitals as initials
        without dots, then a listed surname in capitals (not 'DE HEER', 'EU SUBSIDIE')."""
        tok = tokens[i]
        if not BARE_INITIALS_RE.match(tok.text) or len(tok.text) > 2 or i + 1 >= len(tokens):
            return None
        low = tok.low
        if low in self.lk.common_words or low in self.lk.interfix_words:
            return None
        if len(low) == 2 and zipf(low) >= RARE_FIRST_NAME_MAX_ZIPF:  # 'OM', 'NS' as words
            return None
        nxt = tokens[i + 1].text
        if not (nxt.isupper() and nxt.capitalize() in self.lk.surnames):
            return None
        return (i, i + 2, "initials") if self._caps_surname(tokens, i + 1, i) else None

    def _resident_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'Kwakkelsma, wonende te Goes, verzoekt ...': a name followed by the apposition of
        official texts (', wonende te', ', geboren op') is a person's."""
        if (
            i > 0
            and tokens[i - 1].line == tokens[i].line
            and tokens[i - 1].low
            in {
                "in",
                "te",
                "uit",
                "naar",
                "van",
            }
        ):
            return None  # 'in Goes, geboren en getogen'
        end = self._loose_name(tokens, i)
        if end <= i or end + 1 >= len(tokens) or tokens[end].text != ",":
            return None
        if tokens[end + 1].low.rstrip(".") not in RESIDENT_WORDS:
            return None
        last = tokens[end - 1].bare
        if self._town_or_street(last) or (
            last.lower() in self.lk.common_words and last not in self.lk.surnames
        ):
            return None
        return (i, end, "resident")

    def _flemish_form_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'Vandeputte', 'Verbekelaert', 'Kwakkelaerts' alone: a fused Flemish prefix (Vande-,
        Vanden-, Vander-) or a Flemish ending (-aert, -aerts, -ckx) on a word that Dutch text
        hardly knows and that is no place or street."""
        word = tokens[i].bare
        low = word.lower()
        if not is_name_word(word) or not FLEMISH_FORM_RE.match(low):
            return None
        if zipf(low) >= LOWER_SURNAME_MAX_ZIPF or self._place_like(word):
            return None
        if low in self.lk.common_words or low in self.lk.not_name_words or low in ORG_WORDS:
            return None
        return (i, i + 1, "flemish_form")

    def _rare_surname_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """A surname alone, wherever it stands (on a line of its own, in a list or a ledger
        line, mid-sentence): a listed surname that Dutch text hardly knows, or a word that it
        does not know at all with an ending of Dutch family names ('Kwakkelink',
        'Brakelstra'). Not a place, street, first name, office or organisation word, and not
        after 'het'/'een' (a thing)."""
        tok = tokens[i]
        word = tok.bare
        if not is_name_word(word) or "-" in word:
            return None
        if i > 0 and tokens[i - 1].text.lower() in THING_ARTICLES:
            return None
        if self._named_thing(tokens, i) or self._employer(tokens, i):
            return None
        low = word.lower()
        if low in self.lk.common_words or low in self.lk.not_name_words or low in ROLE_NOUNS:
            return None
        # a place, or a street by its ending; the street list itself holds many surnames
        # (streets are named after people) and a street name alone is no address
        if low in OFFICE_TITLES or low in ORG_WORDS or self._town_or_street(word):
            return None
        if word in self.lk.first_names:
            return None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.line == tok.line and nxt.bare.lower() in ORG_WORDS:
            return None  # 'Kwakkelink Coöperatie' names a firm
        frequency = zipf(low)
        if word in self.lk.surnames and self._patronymic(word):
            return (i, i + 1, "patronymic")
        listed = word in self.lk.surnames and frequency < RARE_SURNAME_MAX_ZIPF
        shaped = frequency < UNKNOWN_WORD_MAX_ZIPF and SURNAME_ENDING_RE.fullmatch(low) is not None
        return (i, i + 1, "rare_surname") if listed or shaped else None

    @staticmethod
    def _employer(tokens: list[Token], i: int) -> bool:
        """'werkzaam bij X', 'in dienst bij X': X is an employer, a firm."""
        return (
            i >= 2
            and tokens[i - 1].text.lower() == "bij"
            and tokens[i - 2].text.lower() in EMPLOYER_WORDS
        )

    def _patronymic(self, word: str) -> bool:
        """A patronymic surname: a first name with the genitive or 'son' ending that the
        civil registration of 1811 fixed as family names ('Hendrik' + 's', 'Gerrit' + 'sen',
        'Dirk' + 'x'); the first name must be listed and at least four letters long."""
        m = PATRONYMIC_RE.fullmatch(word)
        if m is None:
            return False
        stem = m.group(1)
        return len(stem) >= 4 and stem in self.lk.first_names

    def _named_thing(self, tokens: list[Token], i: int) -> bool:
        """'het project Zwarbelink', 'het plan Kwakkelstra': a neuter noun names a thing
        (persons are 'de'), except 'het echtpaar', 'het raadslid' and the like."""
        if i < 2 or tokens[i - 2].text.lower() not in THING_ARTICLES:
            return False
        noun = tokens[i - 1].text
        low = noun.rstrip(".")
        return (
            noun.isalpha()
            and noun.islower()
            and low not in RELATION_WORDS
            and low not in ROLE_NOUNS
            and low not in self._ROLE_WORDS
            and low not in OFFICE_TITLES
        )

    def _coordinated_unknown_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'besproken met Heemsvoort en Brouwering': mid-sentence, two capitalised words
        joined by 'en' that Dutch text does not know at all and no list calls a place,
        street, organisation or office: two persons, as in an enumeration of names."""
        n = len(tokens)
        if i + 3 > n or tokens[i + 1].text != "en" or not self._mid_sentence(text, tokens, i):
            return None
        first, second = tokens[i], tokens[i + 2]
        if second.line != first.line or first.dot:
            return None
        if not all(self._unknown_name_word(t.bare) for t in (first, second)):
            return None
        nxt = tokens[i + 3] if i + 3 < n else None
        if nxt is not None and nxt.line == first.line and nxt.bare.lower() in ORG_WORDS:
            return None
        return (i, i + 1, "coordinated")  # _take adds the name after "en"

    def _unknown_name_word(self, word: str) -> bool:
        low = word.lower()
        # a compound of Dutch words counts too ('Wierdenbroek'), unless it ends as the
        # abstract nouns of official titles do ('Omgevingsvergunningen', 'Wegenplanning')
        if low.endswith(ABSTRACT_NOUN_ENDINGS) and (len(low) >= 12 or is_compound(low)):
            return False
        return self._name_word_ok(word) and "-" not in word and zipf(low) < UNKNOWN_WORD_MAX_ZIPF

    def _lower_first_name_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'ik sprak met marloes over de heg', 'toen belde jorien': informal text writes a
        first name alone in lower case; a listed first name that is no Dutch word and rare as
        a word, after a preposition or verb that takes a person, or before such a verb."""
        tok = tokens[i]
        word = tok.bare
        if not (word.isalpha() and word.islower() and len(word) >= 4) or i == 0:
            return None
        # a listed surname too: 'ik heb het met kwakkelsma besproken'
        listed = self._listed_first_name(word) or word.capitalize() in self.lk.surnames
        if not listed or word in self.lk.common_words:
            return None
        if word in self.lk.places or word in self.lk.not_name_words or word in ORG_WORDS:
            return None
        if zipf(word) >= LOWER_FIRST_NAME_MAX_ZIPF:
            return None
        prev = tokens[i - 1].text.lower()
        nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
        if prev in PERSON_PREPOSITIONS or prev in PERSON_VERBS or nxt in PERSON_VERBS:
            return (i, i + 1, "lower_case")
        return None

    def _fused_prefix_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """A register prefix fused to the surname: "d'Kwakkel" (the elided 'de', always a
        name before a capital), 'deKwakkel', 'vanBrakel' (as lists and ledgers write it)."""
        tok = tokens[i]
        if tok.text in {"d'", "d’"} and i + 1 < len(tokens):
            if i > 0 and tokens[i - 1].text.lower().endswith(("methode", "systeem", "-")):
                return None  # 'de methode d'Hondt' names a seat allocation, not a person
            nxt = tokens[i + 1]
            if nxt.start == tok.end and is_name_word(nxt.bare):
                return (i, i + 2, "fused_prefix")
            return None
        bare = tok.bare
        if not bare[:1].islower() or bare.islower():  # most tokens: no capital inside
            return None
        m = FUSED_PREFIX_RE.fullmatch(bare)
        if m is None:
            return None
        rest = m.group(1)
        if rest.lower() in ORG_WORDS or rest.lower() in self.lk.not_name_words:
            return None
        frequency = zipf(rest.lower())
        if (rest.lower() not in self.lk.common_words and frequency < RARE_WORD_MAX_ZIPF) or (
            rest in self.lk.surnames and frequency < SURNAME_AS_WORD_MIN_ZIPF
        ):
            return (i, i + 1, "fused_prefix")  # not 'deBuurt' (a programme)
        return None

    def _signed_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'w.g. Kwakkel', 'w.g. J. Kwakkel' ('was getekend'): the signer in a copy of a
        signed document."""
        n = len(tokens)
        if i + 2 >= n or tokens[i].text.lower() != "w." or tokens[i + 1].text.lower() != "g.":
            return None
        end = self._loose_name(tokens, i + 2)
        return (i + 2, end, "signature") if end > i + 2 else None

    def _noble_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'graaf van Heemsvoort', 'Barones de Brakel tot Wolderink': an adellijke titel,
        then a lower-case register prefix and the surname, also the 'tot' of noble names."""
        n = len(tokens)
        # the prefix in any case: 'baron Van Kwakkel' is how many write it
        if not self._noble(tokens[i]) or i + 2 >= n:
            return None
        if tokens[i + 1].line != tokens[i].line or not self._interfix_len(tokens, i + 1, True):
            return None
        end = self._loose_name(tokens, i + 1)
        last = tokens[end - 1].bare if end > i + 1 else ""
        # 'de graaf van Holland' holds a title of a place; a hamlet Dutch text does not know
        # is the surname ('baron van Kwakkelveld')
        if end <= i + 1 or (
            self._town_or_street(last) and zipf(last.lower()) >= UNKNOWN_WORD_MAX_ZIPF
        ):
            return None
        if end + 1 < n and tokens[end].text == "tot" and tokens[end + 1].line == tokens[i].line:
            end = max(end, self._loose_name(tokens, end + 1))
        return (i + 1, end, "title")

    def _hyphen_prefix_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """Naamgebruik whose second name starts with a register prefix, in any
        capitalisation: 'Kwakkel-Van Brakel', 'Kwakkel-van der Brakel' (own name and
        partner's name joined by a hyphen). Not after a place ('Bergen-op Zoom')."""
        tok = tokens[i]
        if "-" not in tok.text or tok.dot:
            return None
        first, tail = tok.text.rsplit("-", 1)
        # in capitals too, as forms and address lines write it: 'KWAKKEL-VAN BRAKEL'
        caps = tok.text.isupper() and first.isalpha() and len(first) >= CAPS_SURNAME_MIN_LEN
        if not (caps or is_name_word(first)) or first.lower().endswith(STREET_WORD_SUFFIXES):
            return None
        if tail.lower() in ORDINARY_PREFIX_HEADS and first.lower() in self.lk.places:
            return None  # 'Bergen-op Zoom', 'Alphen-aan den Rijn'
        words = [tail.lower()]
        j = i + 1
        while j < len(tokens) and j - i <= 2 and tokens[j].line == tok.line:
            if tokens[j].text.lower() not in self.lk.interfix_words:
                break
            words.append(tokens[j].text.lower())
            j += 1
        while words and tuple(words) not in self.lk.register_interfixes:
            words.pop()
            j -= 1
        if not words or j >= len(tokens) or tokens[j].line != tok.line:
            return None
        word = tokens[j].bare
        low = word.lower()
        upper = caps and word.isalpha() and word.isupper() and len(word) >= 3
        if (
            not (upper or is_name_word(word))
            or low in OFFICE_TITLES | ORG_WORDS
            or low in self.lk.not_name_words
        ):
            return None
        if " ".join([first.lower(), *words, low]) in self.lk.places:
            return None  # a place written with hyphens
        return (i, j + 1, "partner_name")

    def _caps_pair_rule(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """'KWAKKELINK WOUTER', 'WOUTER KWAKKELINK' in a ledger line: a first name in
        capitals (no Dutch word, not a month such as 'JAN') beside a surname in capitals."""
        if i + 1 >= len(tokens) or tokens[i + 1].line != tokens[i].line:
            return None
        a, b = tokens[i].text, tokens[i + 1].bare
        if not (a.isalpha() and a.isupper() and b.isalpha() and b.isupper()):
            return None
        if self._caps_first_name(b) and self._caps_pair_surname(tokens, i):
            return (i, i + 2, "caps_pair")
        if self._caps_first_name(a) and self._caps_pair_surname(tokens, i + 1):
            return (i, i + 2, "caps_pair")
        return None

    def _caps_pair_surname(self, tokens: list[Token], j: int) -> bool:
        """A surname in capitals beside a first name: as after initials, and a listed
        surname or a word Dutch text hardly knows ('REISKOSTEN' stays)."""
        word = tokens[j].text
        return self._caps_surname(tokens, j, j) and (
            word.capitalize() in self.lk.surnames or zipf(word.lower()) < RARE_WORD_MAX_ZIPF
        )

    def _caps_first_name(self, word: str) -> bool:
        low = word.lower()
        return (
            len(word) >= 3
            and word.capitalize() in self.lk.first_names
            and low not in self.lk.common_words
            and zipf(low) < RARE_FIRST_NAME_MAX_ZIPF
        )

    _CONTEXT_RULES = (
        "_title_rule",
        "_signed_rule",
        "_noble_rule",
        "_initials_rule",
        "_caps_initials_rule",
        "_inverted_rule",
        "_name_prefix_rule",
        "_introduced_rule",
        "_relation_rule",
        "_first_name_rule",
        "_dotted_first_name_rule",
        "_lower_case_rule",
        "_unknown_given_rule",
        "_interfix_rule",
    )
    _FALLBACK_RULES = (
        "_unknown_pair_rule",
        "_bare_surname_rule",
        "_before_address_rule",
        "_person_verb_rule",
        "_resident_rule",
        "_flemish_form_rule",
        "_fused_prefix_rule",
        "_hyphen_prefix_rule",
        "_caps_pair_rule",
        "_rare_surname_rule",
        "_coordinated_unknown_rule",
        "_lower_first_name_rule",
    )

    def _match_at(self, text: str, tokens: list[Token], i: int) -> _Hit | None:
        """The name at token i, by the first context rule that applies, else a fallback."""
        for rule in self._context_rules:
            hit = rule(text, tokens, i)
            if hit is not None:
                if hit[1] > hit[0]:
                    return hit
                break
        for rule in self._fallback_rules:
            hit = rule(text, tokens, i)
            if hit is not None and hit[1] > hit[0]:
                return hit
        return None

    def _span_end(self, text: str, tokens: list[Token], last: int) -> int:
        """End offset of a name ending at token index last: without a sentence's full stop."""
        end = tokens[last].end
        if text[end - 1] == "." and not INITIALS_RE.match(tokens[last].text):
            end -= 1
        return end

    def _coordinated(self, tokens: list[Token], end: int, source: str) -> bool:
        """'Daan en Boyd', 'Natalya en Kiril': a name coordinated with the name before."""
        if end + 1 >= len(tokens) or tokens[end].text not in {"en", "&"}:
            return False
        nxt = tokens[end + 1]
        bare = nxt.bare
        if nxt.line != tokens[end - 1].line or not is_name_word(bare) or self._is_title(nxt):
            return False  # '... en Dhr. X': the title rule takes X
        return (
            self._name_word_ok(bare)
            or (
                source == "relation"  # 'mijn kinderen Daan en Mei'
                and bare.lower() not in self.lk.not_name_words
                and bare.lower() not in ORG_WORDS
            )
            or (bare in self.lk.first_names and bare.lower() not in self.lk.common_words)
        )

    def _take(self, text: str, tokens: list[Token], hit: _Hit, found: list) -> int:
        """Record a name (and a name coordinated with it); returns the index to go on at."""
        start, end, source = hit
        end = self._extend(tokens, start, end)
        span_start, span_end = tokens[start].start, self._span_end(text, tokens, end - 1)
        candidate = text[span_start:span_end].lower()
        if source not in {"title", "relation", "introduced", "person_verb"} and (
            candidate in self.lk.places or candidate in self.lk.streets
        ):
            return end
        found.append((span_start, span_end, source))
        if self._coordinated(tokens, end, source):
            _, full = self._given_surname(tokens, end + 1, known_only=False, allow_common=True)
            last = self._extend(tokens, end + 1, max(full, end + 2))
            found.append(
                (tokens[end + 1].start, self._span_end(text, tokens, last - 1), "coordinated")
            )
            end = last
        return end

    # -- main
    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        tokens = tokenise(text)
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(tokens):
            hit = self._match_at(text, tokens, i)
            i = self._take(text, tokens, hit, found) if hit else i + 1
        found.extend(self._mail_headers(text))
        found.extend(self._signatures(text))
        found.extend(self._person_lists(text))
        found.extend(self._address_blocks(text))
        found.extend(self._list_companions(text, found))
        organisations = find_organisations(text, self.lk)
        return [
            self.result(s, e, 0.85, source=src)
            for s, e, src in found
            if not any(s < oe and os < e for os, oe in organisations)
        ]

    def _name_line(self, line: str) -> bool:
        # OCR may read a speck as ':' or ';' after a word inside the name ('K. van den:
        # Nuwenhuijzen'); a colon after the first word is a label ('Tel: ...') and stays.
        words = line.split()
        if len(words) > 2:
            line = " ".join(
                [words[0]] + [re.sub(r"(?<=\w)[:;]$", "", w) for w in words[1:-1]] + [words[-1]]
            )
        words = line.split()
        if not 1 <= len(words) <= 6 or any(ch.isdigit() or ch in "@:/" for ch in line):
            return False
        if any(w.lower().strip(",.") in ORG_WORDS for w in words):
            return False
        if line.strip().lower() in self.lk.places:
            return False
        caps = [w for w in words if is_cap(w.strip(",.")) or INITIALS_RE.match(w)]
        rest = [w for w in words if w not in caps]
        if not caps or any(
            tuple(w.lower().split()) not in self.lk.interfixes
            and w.lower() not in self.lk.interfix_words
            for w in rest
        ):
            return False
        # a signature name has at least one word we know as a name, or initials, or two caps
        known = any(
            w.strip(",.") in self.lk.first_names
            or w.strip(",.") in self.lk.surnames
            or INITIALS_RE.match(w)
            for w in caps
        )
        if known or len(caps) >= 2:
            return True
        # one word under the closing phrase: a surname when it is no Dutch word ('Knophout')
        word = caps[0].strip(",.")
        return (
            len(words) == 1
            and is_name_word(word)
            and word.lower() not in self.lk.common_words
            and word.lower() not in self.lk.not_name_words
            and word.lower() not in OFFICE_TITLES
            and not self._town_or_street(word)
        )

    def _list_name(self, item: str) -> bool:
        """An item of a list of persons is a name: initials, prefixes and capitalised words
        that are no Dutch word, place, office or organisation (a listed surname may be a word:
        'Bakker'); 'een medewerker van de gemeente' is none."""
        tokens = tokenise(item)
        if not 1 <= len(tokens) <= 6:
            return False
        i, names = 0, 0
        while i < len(tokens):
            size = self._interfix_len(tokens, i, strong=True)
            if size and i + size < len(tokens):
                i += size
                continue
            tok = tokens[i]
            word = tok.bare
            if INITIALS_RE.match(tok.text) or self._first_name(tok):
                names += not tok.dot
                i += 1
                continue
            if not is_name_word(word) or word.lower() in OFFICE_TITLES | ORG_WORDS:
                return False
            low = word.lower()
            if low.endswith(STREET_WORD_SUFFIXES) and low not in STREET_WORD_SUFFIXES:
                return False  # 'bewoners van de Molenstraat': a street ('Van der Laan' is not)
            # a place after a capitalised prefix is a surname ('Van Haarlem'); on its own
            # or after 'van' it is a place ('bewoners van Goes')
            # (after a prefix or initials a word is a surname too: 'De Beer', 'Van der Sloot')
            prefixed = i > 0
            if word.lower() in self.lk.not_name_words or (
                not prefixed
                and (
                    self._town_or_street(word)
                    or (
                        word not in self.lk.surnames
                        and (
                            word.lower() in self.lk.common_words
                            or zipf(word.lower()) >= SURNAME_AS_WORD_MIN_ZIPF
                        )
                    )
                )
            ):
                return False
            names += 1
            i += 1
        return names > 0

    def _person_lists(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Names in a list of persons: after 'Aanwezig:', 'Deelnemers aan de schouw waren',
        'Ondertekenaars:' the items (a bulleted list under the heading, or 'X, Y en Z' in the
        sentence), each a name when every word of it may be part of a name."""
        for m in PERSON_GROUP_RE.finditer(text):
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            rest = text[m.end() : line_end]
            if rest.strip() == "" or rest.rstrip().endswith(":"):
                # a heading: the items are the lines under it, up to an empty line
                block = re.match(r"(?:[ \t]*\n)?((?:[ \t]*\S[^\n]*\n?){1,40})", text[line_end:])
                start, chunk = (line_end + block.start(1), block.group(1)) if block else (0, "")
            else:
                # in running text, up to the end of the sentence, over wrapped lines
                seg = text[m.end() : m.end() + 400]
                stop = re.search(r"[.;!?](?:\s|$)|\n[ \t]*\n", seg)
                start, chunk = m.end(), (seg[: stop.start()] if stop else seg).replace("\n", " ")
            for item in LIST_ITEM_RE.finditer(chunk):
                name = item.group("name").strip()
                if name and self._list_name(name):
                    offset = start + item.start("name") + item.group("name").find(name)
                    yield (offset, offset + len(name), "person_list")

    def _list_companions(
        self, text: str, found: list[tuple[int, int, str]]
    ) -> Iterator[tuple[int, int, str]]:
        """'jorien kwakkelstein, marloes van der brakel, en wolderik gingen ...': in an enumeration with commas
        that holds a name found above, the items next to it are names too when each word of
        them may be part of a name (no Dutch word, place or street; in any case). The first
        item may begin the sentence and the last one may run on into it: of those only the
        name-like words at the list's side count."""
        taken = {(s, e) for s, e, _ in found}
        for start, end, _ in list(found):
            left = max(text.rfind(c, 0, start) for c in ".!?:;\n")
            right = min(
                (i for i in (text.find(c, end) for c in ".!?:;\n") if i >= 0), default=len(text)
            )
            seg_start = left + 1
            segment = text[seg_start:right]
            items = [
                (seg_start + m.start(1), seg_start + m.end(1))
                for m in LIST_PART_RE.finditer(segment)
                if m.group(1).strip()
            ]
            own = [k for k, (a, b) in enumerate(items) if a <= start and end <= b]
            if len(items) < 3 or not own or "," not in segment:
                continue
            k = own[0]
            for step in (-1, 1):
                x = k + step
                while 0 <= x < len(items):
                    a, b = items[x]
                    span = self._companion(text, a, b, side=step if x in (0, len(items) - 1) else 0)
                    if span is None:
                        break
                    if span not in taken:
                        taken.add(span)
                        yield (*span, "list_companion")
                    x += step

    def _companion(self, text: str, a: int, b: int, side: int) -> tuple[int, int] | None:
        """The name-like words of a list item (all of it, or its end for the first item and
        its start for the last), as offsets, or None."""
        tokens = tokenise(text[a:b])
        if side < 0:
            k = len(tokens)
            while k > 0 and (
                self._companion_word(tokens[k - 1].bare)
                or self._interfix_len(tokens, k - 1, strong=True)
            ):
                k -= 1
            chosen = tokens[k:]
        elif side > 0:
            k = 0
            while k < len(tokens) and (
                self._companion_word(tokens[k].bare) or self._interfix_len(tokens, k, strong=True)
            ):
                k += 1
            chosen = tokens[:k]
        else:
            chosen = tokens
        if not 1 <= len(chosen) <= 5 or not self._companion_word(chosen[-1].bare):
            return None
        if not self._companion_word(chosen[0].bare):
            return None
        for n, tok in enumerate(chosen):
            if not (self._companion_word(tok.bare) or self._interfix_len(chosen, n, strong=True)):
                return None
        return a + chosen[0].start, a + chosen[-1].end

    def _companion_word(self, word: str) -> bool:
        """A word of a name next to a name in a list: a listed first name or surname that is
        no frequent word, or a word Dutch text hardly knows; never a Dutch word, place,
        street, office or organisation word."""
        low = word.lower()
        if not (word.isalpha() and len(word) >= 2) or not (word.islower() or is_name_word(word)):
            return False
        if low in self.lk.common_words or low in self.lk.not_name_words or low in ROLE_NOUNS:
            return False
        if low in OFFICE_TITLES or low in ORG_WORDS or self._town_or_street(word):
            return False
        frequency = zipf(low)
        first_name = word.capitalize() in self.lk.first_names
        listed = first_name or word.capitalize() in self.lk.surnames
        # In lower case a frequent word is a word, listed or not ('Indiener, X, stelt dat'),
        # except a first name: informal text writes first names in lower case, and the
        # common ones are as frequent as words ('..., en kees gingen').
        capitalised_or_first = word[0].isupper() or first_name
        most = STOP_WORD_MIN_ZIPF - 0.5 if capitalised_or_first else LOWER_COMPANION_MAX_ZIPF
        return frequency < LOWER_SURNAME_MAX_ZIPF or (listed and frequency < most)

    def _address_blocks(self, text: str) -> Iterator[tuple[int, int, str]]:
        """The addressee's line of an address block: a line that may be a name ('Kwakkelstein',
        'Van der Stuurhout', 'T. Kwakkelstein') right above a street with a house number."""
        lines = list(re.finditer(r"[^\n]+", text))
        for m, nxt in zip(lines, lines[1:], strict=False):
            street = STREET_LINE_RE.match(nxt.group())
            if not street or text.count("\n", m.end(), nxt.start()) != 1:
                continue
            if not self._place_like(street.group("street").split()[-1]):
                continue
            line = m.group().strip().rstrip(",")
            # one word, or a name with initials, a first name or a prefix: two unknown words
            # above an address are as often a firm ('Ahold Delhaize'), left to the net
            if line and len(line) <= 60 and self._addressee(line):
                lead = len(m.group()) - len(m.group().lstrip())
                yield (m.start() + lead, m.start() + lead + len(line), "address_block")

    def _addressee(self, line: str) -> bool:
        tokens = tokenise(line)
        marked = len(tokens) == 1 or any(
            INITIALS_RE.match(t.text)
            or self._first_name(t)
            or self._interfix_len(tokens, k, strong=True)
            for k, t in enumerate(tokens)
        )
        return marked and self._list_name(line)

    def _signatures(self, text: str) -> Iterator[tuple[int, int, str]]:
        lines = list(re.finditer(r"[^\n]+", text))
        for idx, m in enumerate(lines):
            if len(m.group()) > 60 or not CLOSING_RE.match(m.group()):
                continue
            named = False
            for nxt in lines[idx + 1 : idx + 5]:
                if text.count("\n", m.end(), nxt.start()) > 6:
                    break
                line = nxt.group().strip()
                if self._name_line(line):
                    lead = len(nxt.group()) - len(nxt.group().lstrip())
                    yield (
                        nxt.start() + lead,
                        nxt.start() + lead + len(line.rstrip(",.")),
                        "signature",
                    )
                    # Go on with the next line: OCR may read the scribble as a short 'name'
                    # above the printed one, and two signatories sign one under the other.
                    named = True
                elif named:
                    break

    def _header_names(self, names: str) -> Iterator[_Part]:
        """Recipients separated by ';' or ','; 'Achternaam, Voornaam' (one comma, a first name
        or initials after it) is one name."""
        for group in re.finditer(r"[^;]+", names):
            parts = list(re.finditer(r"[^,]+", group.group()))
            after = parts[1].group().split() if len(parts) == 2 else []
            if (
                after
                and len(parts[0].group().split()) <= 3
                and len(after) <= 4
                and (after[0] in self.lk.first_names or INITIALS_RE.match(after[0]))
            ):
                yield _Part(group.group(), group.start())
                continue
            for part in parts:
                yield _Part(part.group(), group.start() + part.start())

    def _mail_headers(self, text: str) -> Iterator[tuple[int, int, str]]:
        for m in MAIL_HEADER_RE.finditer(text):
            names = m.group("names")
            offset = m.start("names")
            for part in self._header_names(names):
                chunk = part.group().strip().strip("'\"")
                if "@" in chunk or not chunk:
                    continue
                words = chunk.split()
                if 1 <= len(words) <= 6 and any(is_name_word(w) for w in words):
                    lead = part.group().find(chunk)
                    start = offset + part.start() + lead
                    yield (start, start + len(chunk), "mail_header")


# --------------------------------------------------------------------------- analyzer
