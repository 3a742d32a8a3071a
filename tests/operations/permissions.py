from tests.matrix import Rule

PERMISSIONS = {
    # Site staff only: no project role opens it.
    "operations-status": Rule(signed_in=True, ok=403),
}
