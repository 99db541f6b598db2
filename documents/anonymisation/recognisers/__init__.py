"""Dutch recognisers for presidio-analyzer, and the analyzer itself (built once per process).

Nothing is downloaded: the NLP engine is a blank spaCy Dutch pipeline (tokeniser only, lemma =
lower-case form) and all recognisers are rule- and lookup-based. Their patterns and word lists
are imported from the module that defines them (``recognisers.contact`` and so on).
"""

from __future__ import annotations

import functools
import logging

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.language import Language

from ..lookups import get_lookups
from .addresses import AddressRecogniser, PostcodeRecogniser
from .base import LANGUAGE
from .contact import EmailRecogniser, PhoneRecogniser, SocialHandleRecogniser
from .dates import DateOfBirthRecogniser
from .identifiers import BsnRecogniser, IbanRecogniser, IdNumberRecogniser, LicencePlateRecogniser
from .names import PersonRecogniser
from .organisations import OrganisationRecogniser

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


__all__ = ["LANGUAGE", "BlankDutchNlpEngine", "empty_artifacts", "get_analyzer"]
