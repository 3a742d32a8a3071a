from tests.matrix import Rule

PERMISSIONS = {
    "my-data": Rule(signed_in=True),
    # Without a recent password or code the reauthentication page comes first.
    "my-data-page": Rule(signed_in=True, ok=302),
    "my-data-download": Rule(signed_in=True, method="post", ok=302, post_only=True),
    "my-data-erase": Rule(signed_in=True),
}
