"""Dutch recognisers for presidio-analyzer, and the analyzer itself (built once per process).

Nothing is downloaded and nothing is tokenised: the NLP engine is presidio's own
``NoOpNlpEngine`` (no model, empty artifacts; our recognisers read the raw text) and all
recognisers are rule- and lookup-based. A blank spaCy pipeline cost ~0.4 s of every process's
start-up for tokens nobody read (docs/benchmarks.md). Their patterns and word lists
are imported from the module that defines them (``recognisers.contact`` and so on).
"""

from __future__ import annotations

import functools
import logging

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine

from ..lookups import get_lookups
from .addresses import AddressRecogniser, PostcodeRecogniser
from .base import LANGUAGE
from .contact import EmailRecogniser, PhoneRecogniser, SocialHandleRecogniser
from .dates import DateOfBirthRecogniser
from .identifiers import BsnRecogniser, IbanRecogniser, IdNumberRecogniser, LicencePlateRecogniser
from .names import PersonRecogniser
from .organisations import OrganisationRecogniser

logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)


def empty_artifacts() -> NlpArtifacts:
    """NLP artifacts without tokens: none of our recognisers reads them."""
    return get_analyzer().nlp_engine.process_text("", LANGUAGE)


@functools.cache
def get_analyzer() -> AnalyzerEngine:
    """presidio AnalyzerEngine for Dutch with our recognisers; built once per process."""
    lookups = get_lookups()
    nlp_engine = NoOpNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "no_op"}])
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


__all__ = ["LANGUAGE", "empty_artifacts", "get_analyzer"]
