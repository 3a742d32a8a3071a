"""Receipts are checked by content and size, whatever the file is called.

tests/expenses/test_views.py already refuses a program named .pdf, a PDF named .jpg, HTML named
.png, an empty file and an oversized one; here: an SVG with a script in it, and arbitrary bytes
under arbitrary names through the real view.
"""

import io

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st
from PIL import Image

from expenses.models import ClaimLine
from tests.expenses.helpers import PDF, PNG, image_bytes, receipt
from tests.fuzz.harness import FUZZ, Target, signed_in
from tests.fuzz.test_expenses import _draft_claim

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
_SIGNATURES = {
    "application/pdf": b"%PDF-",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "image/gif": b"GIF8",
    "image/webp": b"RIFF",
}


def _add_expense(client, url, upload):
    return client.post(
        url,
        {
            "expense_type": "travel",
            "description": "Bus",
            "amount_pence": "4.50",
            "receipt": upload,
        },
    )


@pytest.mark.parametrize(
    "name, content_type",
    [("drawing.png", "image/png"), ("drawing.svg", "image/svg+xml"), ("drawing.pdf", "image/png")],
)
def test_an_svg_with_a_script_is_refused_whatever_it_is_called(cast, name, content_type):
    url = reverse("claim-expense-add", kwargs=_draft_claim(cast))
    response = _add_expense(signed_in(cast.person), url, receipt(name, SVG, content_type))
    assert response.status_code == 200
    assert "be what its name says" in response.text
    assert not ClaimLine.objects.filter(kind="expense").exists()


# Signatures alone, and whole small images (that arbitrary bytes may follow).
_IMAGES = [image_bytes(f, exif=b"Exif\x00\x00MM\x00*") for f in ("PNG", "JPEG", "WEBP")]
_heads = st.sampled_from(
    [b"", *_SIGNATURES.values(), *_IMAGES, image_bytes("GIF"), b"MZ", b"<svg", b"<html>", b"%PD"]
)
_names = st.one_of(
    st.sampled_from(["r.pdf", "r.PNG", "r.jpg", "r.jpeg", "r.gif", "r.webp", "r.svg", "r", ".png"]),
    st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00/\\"),
        min_size=1,
        max_size=80,
    ),
)


_made: dict = {}


@FUZZ
@given(head=_heads, body=st.binary(max_size=64), name=_names)
@example(head=b"RIFF", body=b"\x00\x00\x00\x00WEBPVP8 ", name="r.webp")
def test_only_a_receipt_that_is_what_its_name_says_is_kept(cast, head, body, name):
    if _made.get("cast") is not cast:
        url = reverse("claim-expense-add", kwargs=_draft_claim(cast))
        _made.update(cast=cast, target=Target(signed_in(cast.person), url, [ClaimLine]))
    target = _made["target"]
    target.files = lambda: {"receipt": receipt(name, head + body, "application/octet-stream")}
    target.accepted = _kept_as_sniffed(head + body)
    target.post({"expense_type": "travel", "description": "Bus", "amount_pence": "4.50"})


def _kept_as_sniffed(content: bytes):
    """A kept PDF is stored as it came; a kept image is one Pillow can read, written again
    with no metadata (tests/expenses/test_receipts.py)."""

    def check(data, before, after):
        line = ClaimLine.objects.get(kind="expense")
        assert content.startswith(_SIGNATURES[line.receipt_type])
        stored = line.receipt.read()
        if line.receipt_type == "application/pdf":
            assert stored == content
        else:
            assert stored.startswith(_SIGNATURES[line.receipt_type])
            with Image.open(io.BytesIO(stored)) as image:
                assert not image.getexif()
                assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)

    return check


def test_the_fuzzed_receipts_include_ones_that_are_kept(cast):
    """The property above is not empty: real files are accepted through the same path."""
    url = reverse("claim-expense-add", kwargs=_draft_claim(cast))
    client = signed_in(cast.person)
    assert _add_expense(client, url, receipt("a.png", PNG, "image/png")).status_code == 302
    assert _add_expense(client, url, receipt("a.pdf", PDF)).status_code == 302
