"""``{% unchanging %}…{% endunchanging %}``: parts of the page chrome that depend only on the
language, the settings and the URLconf, never on the request or the visitor (the links to
the site's own pages, the footer). Each is written once per process, language and script
prefix and then reused: the navigation and footer ran some twenty ``{% url %}`` and thirty
``{% translate %}`` on every page, about a tenth of an uncached public page. A changed
setting (in tests) makes every part be written anew.

Never put anything inside that differs between requests or visitors: the page's own
blocks, the user, messages, a CSRF token. Only a page rendered for a request (with the
context processors, which give the municipality's name and theme) is kept."""

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.template import RequestContext
from django.template.base import Parser, Token
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()
_generation = [0]


def _settings_changed(**kwargs: Any) -> None:
    _generation[0] += 1


setting_changed.connect(_settings_changed)


class UnchangingNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist
        # Kept on the node: it lives as long as its template, and no other node's text can
        # ever be taken for this one's.
        self.written: dict[tuple, SafeString] = {}

    def render(self, context: template.Context) -> SafeString:
        if not isinstance(context, RequestContext):
            # Without a request the context processors (the municipality's name, the
            # theme) did not run: render it, but keep nothing.
            return mark_safe(self.nodelist.render(context))
        key = (_generation[0], get_language(), get_script_prefix(), get_urlconf())
        text = self.written.get(key)
        if text is None:
            if len(self.written) >= 16:  # older generations, other prefixes
                self.written.clear()
            text = mark_safe(self.nodelist.render(context))  # rendered (escaped) as usual
            self.written[key] = text
        return text


@register.tag
def unchanging(parser: Parser, token: Token) -> UnchangingNode:
    nodelist = parser.parse(("endunchanging",))
    parser.delete_first_token()
    return UnchangingNode(nodelist)
