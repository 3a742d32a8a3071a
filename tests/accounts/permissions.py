from tests.matrix import Rule

PERMISSIONS = {
    "home": Rule(public=True),
    "accessibility-statement": Rule(public=True),
    "privacy-notice": Rule(public=True),
    "profile-edit": Rule(signed_in=True),
    "second-factor-needed": Rule(signed_in=True),
    # The header's language switch: anyone may choose, signed in or not.
    "language-set": Rule(
        public=True, method="post", post_only=True, ok=302, data=lambda cast: {"language": "cy"}
    ),
    # The token is the key; an unknown token is a 404 for everyone.
    "invitation-respond": Rule(kwargs=lambda cast: {"token": "no-such-token"}, public=True, ok=404),
}
