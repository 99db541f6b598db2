"""The admin never shows secret documents to staff outside the griffie: not in lists, not in
selects, not in inlines (ADR 0002). One mixin, used by every admin that touches documents."""

from typing import Any

from django import forms
from django.db.models import ForeignKey, ManyToManyField, Q, QuerySet
from django.http import HttpRequest

from documents.models import Document, DocumentQuerySet
from people.admin_tools import AdminBase
from people.roles import is_griffie


def _hidden_from(request: HttpRequest) -> bool:
    return not is_griffie(request.user)


def visible_documents(request: HttpRequest) -> DocumentQuerySet:
    documents = Document.objects.all()
    if _hidden_from(request):
        documents = documents.not_under_secrecy()
    return documents


class HidesSecretDocumentsAdmin(AdminBase):
    """``secret_lookups``: paths from this model to Document; a row that reaches a secret
    document through any of them is left out for non-griffie staff."""

    secret_lookups: tuple[str, ...] = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
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

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.related_model is Document:
            kwargs["queryset"] = visible_documents(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        if db_field.related_model is Document:
            kwargs["queryset"] = visible_documents(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
