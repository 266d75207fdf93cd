"""The kinds of content the site search looks through, registered by the content apps.

A provider has `key` (the "loai" parameter), `label`, `results(search_request)` (an ordered
QuerySet of what the searcher may see) and `hit(row, words)` (a dict the page prints:
title, url, excerpt, date, optional date_label and category). One provider may also offer
a scope (news: a category): `scope_param`, `scope_label`, `scope_all_label`,
`scope_missing` (the message for an unknown value), `find_scope(value)` and
`scope_choices()` ([(object, is_child)] for the form's select).
"""

PROVIDERS = []


def register_provider(provider):
    """Let an app's content be searched; the first registered is the page's default."""
    if all(existing.key != provider.key for existing in PROVIDERS):
        PROVIDERS.append(provider)


def scoped_provider():
    """The provider whose scope the search form offers, if any."""
    return next((p for p in PROVIDERS if getattr(p, "scope_param", None)), None)
