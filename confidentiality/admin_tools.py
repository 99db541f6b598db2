"""The admin never shows secret documents to staff outside the griffie: not in lists, not in
selects, not in inlines (ADR 0002). One mixin, used by every admin that touches documents."""

from django.db.models import Q

from documents.models import Document
from people.roles import is_griffie


def _hidden_from(request) -> bool:
    return not is_griffie(request.user)


def visible_documents(request):
    documents = Document.objects.all()
    if _hidden_from(request):
        documents = documents.not_under_secrecy()
    return documents


class HidesSecretDocumentsAdmin:
    """``secret_lookups``: paths from this model to Document; a row that reaches a secret
    document through any of them is left out for non-griffie staff."""

    secret_lookups: tuple[str, ...] = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.secret_lookups and _hidden_from(request):
            secret = Document.objects.under_secrecy().values("pk")
            condition = Q()
            for lookup in self.secret_lookups:
                condition |= Q(**{f"{lookup}__in": secret})
            queryset = queryset.exclude(
                pk__in=queryset.model._default_manager.filter(condition).values("pk")
            )
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Document:
            kwargs["queryset"] = visible_documents(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Document:
            kwargs["queryset"] = visible_documents(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
