"""One vocabulary: the categories and sender types of the models, the engine, the sample
generator and the command line are the same values."""

from documents.anonymisation.types import CATEGORIES, SENDER_TYPES
from documents.models import Category, SenderType
from publication.rules import decide_publication


def test_models_and_engine_use_the_same_categories_and_sender_types():
    assert set(Category.values) == set(CATEGORIES)
    assert set(SenderType.values) == set(SENDER_TYPES)


def test_the_publication_rules_decide_every_combination():
    for category in Category.values:
        for sender_type in SenderType.values:
            outcome = decide_publication(category, sender_type)
            assert outcome.article
