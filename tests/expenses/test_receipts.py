"""Receipts that do not give away where someone lives (issue 17, part 5): photos are written
again from their pixels, the right way up, with no EXIF, GPS, XMP or comments; huge images are
refused before they are decoded; receipts are served only to those allowed, as attachments
that the browser may not sniff into something else."""

import io
import struct
import zlib

import pytest
from django.urls import reverse
from PIL import Image

from expenses import services
from expenses.models import ClaimLine
from tests.base import Client
from tests.expenses.helpers import PDF, attended_meeting, bank_choice, receipt, set_rate

pytestmark = pytest.mark.django_db

# Where the person lives, as a phone writes it: 53°28'50.4"N 2°14'42.0"W.
GPS = {1: "N", 2: (53.0, 28.0, 50.4), 3: "W", 4: (2.0, 14.0, 42.0)}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="53,28.84N"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
# Things that must not survive in the stored file's bytes.
TELLTALES = [b"Exif", b"53,28", b"adobe", b"xmpmeta", b"Pat's kitchen", b"Phonemaker"]


def _photo(pillow_format: str) -> bytes:
    """An 8 by 4 photo, left half red and right half blue, stored sideways: EXIF orientation 6
    says to turn it a quarter clockwise to show it, which puts the red half on top. It carries
    the GPS position, the camera's make, XMP and a comment, where the format allows them."""
    image = Image.new("RGB", (8, 4), "red")
    image.paste("blue", (4, 0, 8, 4))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation
    exif[0x010F] = "Phonemaker"  # the camera's make
    exif[0x8825] = GPS  # the GPS IFD
    options = {"exif": exif.tobytes()}
    if pillow_format in ("JPEG", "WEBP"):
        options["xmp"] = XMP
    if pillow_format == "JPEG":
        options["comment"] = b"Pat's kitchen"
    output = io.BytesIO()
    image.save(output, format=pillow_format, **options)
    return output.getvalue()


def _huge_png(width: int, height: int) -> bytes:
    """A PNG whose header says width x height: a few hundred bytes that would decode into
    gigabytes (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.fixture
def draft(cast):
    set_rate(cast)
    bank_choice(cast.person)
    return services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)


def _upload(cast, draft, upload):
    client = Client()
    client.force_login(cast.person)
    url = reverse("claim-expense-add", args=[cast.project.pk, draft.pk])
    return client.post(
        url,
        {"expense_type": "travel", "description": "Bus", "amount_pence": "4.50", "receipt": upload},
    )


@pytest.mark.parametrize(
    "pillow_format, name, content_type",
    [
        ("JPEG", "photo.jpg", "image/jpeg"),
        ("PNG", "photo.png", "image/png"),
        ("WEBP", "photo.webp", "image/webp"),
    ],
)
def test_a_photo_with_gps_is_stored_the_right_way_up_with_no_metadata_at_all(
    cast, draft, pillow_format, name, content_type
):
    sent = _photo(pillow_format)
    with Image.open(io.BytesIO(sent)) as original:  # the test photo does carry it all
        assert original.getexif().get_ifd(0x8825)[2] == (53.0, 28.0, 50.4)
    assert b"Phonemaker" in sent

    response = _upload(cast, draft, receipt(name, sent, content_type))

    assert response.status_code == 302
    line = ClaimLine.objects.get(kind="expense")
    assert (line.receipt_type, line.receipt_name) == (content_type, name)
    stored = line.receipt.read()
    for telltale in TELLTALES:
        assert telltale not in stored, telltale
    with Image.open(io.BytesIO(stored)) as kept:
        assert kept.format == pillow_format
        assert not kept.getexif()
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(kept.info)
        # Turned as the orientation said: now 4 wide and 8 tall, red on top, blue below.
        assert kept.size == (4, 8)
        top, bottom = kept.convert("RGB").getpixel((2, 1)), kept.convert("RGB").getpixel((2, 6))
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_a_gif_comment_is_not_kept(cast, draft):
    output = io.BytesIO()
    Image.new("P", (4, 4)).save(output, format="GIF", comment=b"Pat's kitchen")
    assert b"Pat's kitchen" in output.getvalue()
    assert _upload(cast, draft, receipt("a.gif", output.getvalue(), "image/gif")).status_code == 302
    stored = ClaimLine.objects.get(kind="expense").receipt.read()
    assert b"Pat's kitchen" not in stored
    assert stored.startswith(b"GIF8")


@pytest.mark.parametrize(
    "width, height",
    [
        (10_000, 5_000),  # 50 million pixels: over our limit, under Pillow's own
        (30_000, 30_000),  # 900 million: Pillow itself refuses to open it
    ],
)
def test_an_image_with_too_many_pixels_is_refused_with_a_clear_message(cast, draft, width, height):
    bomb = _huge_png(width, height)
    assert len(bomb) < 1_000  # small enough for any byte limit
    response = _upload(cast, draft, receipt("bomb.png", bomb, "image/png"))
    assert response.status_code == 200
    assert "has too many pixels: it must have fewer than 40 million" in response.text
    assert not ClaimLine.objects.filter(kind="expense").exists()


def test_the_pixel_limit_is_a_setting(cast, draft, settings):
    settings.RECEIPT_MAX_PIXELS = 1_000_000
    output = io.BytesIO()
    Image.new("L", (1_001, 1_000)).save(output, format="PNG")
    response = _upload(cast, draft, receipt("big.png", output.getvalue(), "image/png"))
    assert "fewer than 1 million" in response.text
    assert not ClaimLine.objects.filter(kind="expense").exists()


def test_a_photo_that_cannot_be_decoded_is_refused(cast, draft):
    truncated = _photo("JPEG")[:200]
    response = _upload(cast, draft, receipt("photo.jpg", truncated, "image/jpeg"))
    assert response.status_code == 200
    assert "could not be opened" in response.text
    assert not ClaimLine.objects.filter(kind="expense").exists()


def test_a_pdf_is_kept_as_it_came(cast, draft):
    assert _upload(cast, draft, receipt("ticket.pdf", PDF)).status_code == 302
    assert ClaimLine.objects.get(kind="expense").receipt.read() == PDF


@pytest.mark.parametrize(
    "who, status",
    [
        ("person", 200),  # the claimant
        ("facilitator", 200),  # approves claims
        ("commissioner", 200),  # gives the second approval
        ("carer", 403),  # a member who does not handle claims
        ("professional", 403),
        ("outsider", 404),
    ],
)
def test_receipts_are_served_only_to_those_allowed_as_attachments_never_sniffed(
    cast, draft, settings, who, status
):
    _upload(cast, draft, receipt("photo.png", _photo("PNG"), "image/png"))
    services.claim_submit(claim=draft, by=cast.person)  # a draft is the claimant's alone
    line = ClaimLine.objects.get(kind="expense")
    url = reverse("receipt-download", args=[cast.project.pk, draft.pk, line.pk])
    # The view sets nosniff itself, not only through SecurityMiddleware's setting.
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False
    client = Client()
    client.force_login(getattr(cast, who))
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content) == line.receipt.open("rb").read()


def test_anonymous_visitors_are_sent_to_sign_in_for_a_receipt(cast, draft):
    _upload(cast, draft, receipt("ticket.pdf", PDF))
    line = ClaimLine.objects.get(kind="expense")
    url = reverse("receipt-download", args=[cast.project.pk, draft.pk, line.pk])
    response = Client().get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
