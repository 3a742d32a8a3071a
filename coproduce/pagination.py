"""Long lists a page at a time.

A project can have a thousand members and tens of thousands of claims; rendering them all made
pages take seconds (docs/performance.md). Each long list shows PER_PAGE rows, in two queries
(a count and the page) whatever the list's length, with GOV.UK pagination links under it
(the `govuk_pagination` template tag).
"""

from django.core.paginator import Page, Paginator

PER_PAGE = 25


def page_of(
    request, rows, *, param: str = "page", per_page: int = PER_PAGE, count: int | None = None
) -> Page:
    """The page of `rows` asked for in `request.GET[param]`: the first for anything that is not
    a page number (or without a request), the last for a number past the end, so an old or
    edited link still works. `count`: the number of rows, where the page counted them already
    (one query fewer)."""
    paginator = Paginator(rows, per_page)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not asked of the database
    return paginator.get_page(request.GET.get(param) if request else None)
