"""Every form the project defines has a fuzz test: a new form without one fails here."""

import importlib
import pkgutil

from django import forms

import tests.fuzz
from coproduce.forms import GovUKForm, GovUKModelForm
from tests.fuzz.harness import FUZZ, FUZZED

APPS = (
    "accessibility",
    "accounts",
    "audit",
    "charters",
    "coproduce",
    "datepolls",
    "expenses",
    "privacy",
    "projects",
    "reminders",
    "reviews",
)
# Shared plumbing with no fields of its own: what subclasses them is fuzzed.
BASES = {GovUKForm, GovUKModelForm}


def _import_every_module() -> None:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def project_forms() -> set[type]:
    _import_every_module()
    return {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in APPS and cls not in BASES
    }


def _import_fuzz_tests() -> None:
    for module in pkgutil.iter_modules(tests.fuzz.__path__, "tests.fuzz."):
        if module.name.split(".")[-1].startswith("test_"):
            importlib.import_module(module.name)


def test_every_form_has_a_fuzz_test():
    _import_fuzz_tests()
    missing = sorted(f"{f.__module__}.{f.__name__}" for f in project_forms() - FUZZED)
    assert not missing, f"forms without a fuzz test in tests/fuzz/: {missing}"


def test_the_forms_are_found():
    """The walk finds forms in every kind of place (a check that the test above can fail)."""
    from accounts.forms import SignupForm
    from charters.forms import CompareForm
    from expenses.forms import PaymentChoiceForm

    assert {SignupForm, CompareForm, PaymentChoiceForm} <= project_forms()


def test_each_form_gets_at_least_200_examples():
    assert FUZZ.max_examples >= 200
