"""Dutch recognisers for presidio-analyzer, and the analyzer itself (built once per process).

Nothing is downloaded: the NLP engine is a blank spaCy Dutch pipeline (tokeniser only, lemma =
lower-case form) and all recognisers are rule- and lookup-based.
"""

from __future__ import annotations

import functools
import logging

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.language import Language

from ..lookups import get_lookups
from .addresses import (
    DATE_START_RE,
    HOUSE_NUMBER_RE,
    POSTCODE_RE,
    STREET_SUFFIXES,
    STREET_WORD_SUFFIXES,
    AddressRecogniser,
    PostcodeRecogniser,
)
from .base import (
    INITIALS_RE,
    LANGUAGE,
    NOT_INITIALS,
    OFFICE_TITLES,
    RELATION_WORDS,
    SALUTATIONS,
    TITLE_WORDS,
    Token,
    is_cap,
    is_name_word,
    tokenise,
)
from .contact import (
    EMAIL_RE,
    HANDLE_RE,
    PHONE_RE,
    EmailRecogniser,
    PhoneRecogniser,
    SocialHandleRecogniser,
)
from .dates import DOB_RE, DateOfBirthRecogniser
from .identifiers import (
    BSN_CONTEXT_RE,
    BSN_RE,
    IBAN_RE,
    ID_NUMBER_RE,
    PLATE_RE,
    BsnRecogniser,
    IbanRecogniser,
    IdNumberRecogniser,
    LicencePlateRecogniser,
    bsn_valid,
    iban_shaped,
    iban_valid,
)
from .names import CLOSING_RE, MAIL_HEADER_RE, PersonRecogniser
from .organisations import ORG_NAMES, ORG_WORDS, OrganisationRecogniser, find_organisations

logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)


@Language.component("lower_lemma")
def _lower_lemma(doc):
    for token in doc:
        token.lemma_ = token.lower_
    return doc


class BlankDutchNlpEngine(SpacyNlpEngine):
    """presidio NLP engine on ``spacy.blank('nl')``: tokeniser only, never downloads."""

    def __init__(self):
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:nl"}])

    def load(self) -> None:
        nlp = spacy.blank(LANGUAGE)
        nlp.add_pipe("lower_lemma")
        self.nlp = {LANGUAGE: nlp}


def empty_artifacts() -> NlpArtifacts:
    """NLP artifacts without tokens: none of our recognisers reads spaCy tokens."""
    nlp = get_analyzer().nlp_engine.nlp[LANGUAGE]
    return NlpArtifacts(
        entities=[],
        tokens=nlp.make_doc(""),
        tokens_indices=[],
        lemmas=[],
        nlp_engine=get_analyzer().nlp_engine,
        language=LANGUAGE,
    )


@functools.cache
def get_analyzer() -> AnalyzerEngine:
    """presidio AnalyzerEngine for Dutch with our recognisers; built once per process."""
    lookups = get_lookups()
    nlp_engine = BlankDutchNlpEngine()
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recogniser in (
        PhoneRecogniser(),
        EmailRecogniser(),
        IbanRecogniser(),
        BsnRecogniser(),
        PostcodeRecogniser(lookups),
        DateOfBirthRecogniser(),
        LicencePlateRecogniser(),
        IdNumberRecogniser(),
        SocialHandleRecogniser(),
        AddressRecogniser(lookups),
        OrganisationRecogniser(lookups),
        PersonRecogniser(lookups),
    ):
        registry.add_recognizer(recogniser)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE])


__all__ = [
    "BSN_CONTEXT_RE",
    "BSN_RE",
    "CLOSING_RE",
    "DATE_START_RE",
    "DOB_RE",
    "EMAIL_RE",
    "HANDLE_RE",
    "HOUSE_NUMBER_RE",
    "IBAN_RE",
    "ID_NUMBER_RE",
    "INITIALS_RE",
    "LANGUAGE",
    "MAIL_HEADER_RE",
    "NOT_INITIALS",
    "OFFICE_TITLES",
    "ORG_NAMES",
    "ORG_WORDS",
    "PHONE_RE",
    "PLATE_RE",
    "POSTCODE_RE",
    "RELATION_WORDS",
    "SALUTATIONS",
    "STREET_SUFFIXES",
    "STREET_WORD_SUFFIXES",
    "TITLE_WORDS",
    "Token",
    "empty_artifacts",
    "find_organisations",
    "get_analyzer",
    "is_cap",
    "is_name_word",
    "bsn_valid",
    "iban_shaped",
    "iban_valid",
    "tokenise",
]
