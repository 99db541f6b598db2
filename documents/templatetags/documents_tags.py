from django import template

from documents.anonymisation.labels import entity_label as _entity_label

register = template.Library()


@register.filter
def entity_label(entity_type: str) -> str:
    """``{{ redaction.entity_type|entity_label }}``: the type in Dutch."""
    return _entity_label(entity_type or "")
