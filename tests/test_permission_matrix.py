import importlib
import pkgutil

import pytest
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver

import tests
from projects.models import Role
from tests.matrix import ANONYMOUS, OUTSIDER

# URLs that belong to libraries, each with its own tests: allauth and the Django admin.
_LIBRARY_NAMESPACES = ("admin",)
_LIBRARY_MODULES = ("allauth.", "django.contrib.")


def _rules() -> dict:
    rules = {}
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.endswith(".permissions"):
            rules.update(importlib.import_module(module.name).PERMISSIONS)
    return rules


def _project_url_names(resolver=None) -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in _LIBRARY_NAMESPACES:
                continue
            names |= _project_url_names(entry)
        elif isinstance(entry, URLPattern):
            module = getattr(entry.callback, "__module__", "")
            if entry.name and not module.startswith(_LIBRARY_MODULES):
                names.add(entry.name)
    return names


RULES = _rules()
ACTORS = [ANONYMOUS, OUTSIDER, *Role]


def test_every_url_the_project_defines_has_a_rule():
    missing = _project_url_names() - RULES.keys()
    assert not missing, f"add these URLs to a tests/<app>/permissions.py: {sorted(missing)}"


def test_no_rule_names_a_url_that_does_not_exist():
    assert not RULES.keys() - _project_url_names()


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("url_name", sorted(RULES))
def test_each_actor_gets_what_the_matrix_says(client, cast, url_name, actor):
    rule = RULES[url_name]
    if actor == OUTSIDER:
        client.force_login(cast.outsider)
    elif actor != ANONYMOUS:
        client.force_login(cast.member(actor))
    url = reverse(url_name, kwargs=rule.kwargs(cast))
    if rule.method == "post":
        response = client.post(url, rule.data(cast))
    else:
        response = client.get(url)
    expected = rule.expected(actor)
    assert response.status_code == expected, (
        f"{actor} {rule.method.upper()} {url_name}: {response.status_code}, expected {expected}"
    )
    if expected == 302 and actor == ANONYMOUS and not rule.public:
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(n for n, r in RULES.items() if r.post_only))
def test_post_only_urls_refuse_get(client, cast, url_name):
    rule = RULES[url_name]
    client.force_login(cast.commissioner)
    assert client.get(reverse(url_name, kwargs=rule.kwargs(cast))).status_code == 405
