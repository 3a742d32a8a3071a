"""The benchmark behind `make bench` (see tools/bench.sh, which prepares the database first).

Starts gunicorn with production settings on 127.0.0.1, loads each main page as every role
allowed to see it with wrk, beside a bare Django view, and prints one row per page and role:
requests per second, p50 and p95 latency, the ratio to the baseline's requests per second, SQL
queries (counted with the test client on the biggest and on the smallest project), HTML bytes
raw and gzipped, JavaScript bytes and the gzipped weight of the first view (HTML, CSS, JS).
Then the gunicorn workers' resident memory and a summary line: how many page-role pairs meet
the p95 and throughput budgets, and the worst of each. Then it times the payout task over
10,000 approved claims and the reminder task over 10,000 due reminders, both rolled back.

This process runs with DEBUG on (to count queries and to run the rolled-back jobs); gunicorn
runs with DEBUG off. Sessions are minted with Django's session store, not by posting the form.
"""

import gzip
import logging
import os
import re
import subprocess
import sys
import time
from importlib import import_module
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")

import django  # noqa: E402

django.setup()

from allauth.account.internal.flows.login import record_authentication  # noqa: E402
from allauth.mfa.utils import is_mfa_enabled  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from expenses.models import Claim, Method, Status  # noqa: E402
from expenses.services import payout_run  # noqa: E402
from projects.management.commands.seed_scale import (  # noqa: E402
    FINANCE_OFFICER,
    biggest_and_smallest,
    main_pages,
    person,
)
from projects.models import Project, Role  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8765"))
SECONDS = os.environ.get("BENCH_SECONDS", "10")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")
# As the Dockerfile and docker-compose.yml run it: the benchmark measures what is deployed.
WORKERS = os.environ.get("BENCH_WORKERS", "3")
ROLES = [Role.COMMISSIONER, Role.FACILITATOR, Role.PERSON, Role.CARER, Role.PROFESSIONAL]
# The budgets (docs/performance.md): p95 at most this many ms, and at least this share of the
# bare view's requests per second.
P95_BUDGET_MS, RATIO_BUDGET = 150, 0.25


class _Rollback(Exception):
    pass


def main() -> None:
    big, small = biggest_and_smallest()
    pages = main_pages(big), main_pages(small)
    people = {role: person(big, role) for role in [*ROLES, FINANCE_OFFICER]}
    rows = _measure_pages(*pages, people)
    server = _start_gunicorn()
    try:
        cookies = {role: _session(user) for role, user in people.items()}
        for cookie in cookies.values():  # signed in, or every page would redirect
            _wrk_check(reverse("access-profile"), cookie)
        base_rps, base_p50, base_p95, base_errors = _wrk("/bench/baseline/", None)
        print(
            f"\nwrk: {CONNECTIONS} connections, {SECONDS} s per page, gunicorn {WORKERS} workers\n"
        )
        print(
            "| page | role | req/s | p50 ms | p95 ms | ratio | SQL big/small | HTML B "
            "| HTML gz B | JS B | first view gz B | timeouts |"
        )
        print("|" + " --- |" * 12)
        print(
            f"| baseline | - | {base_rps:.0f} | {base_p50:.1f} | {base_p95:.1f} | 1.00 ||||||"
            f" {base_errors} |"
        )
        measured = []
        for name, role, path, queries, html, js, view in rows:
            rps, p50, p95, errors = _wrk(path, cookies[role])
            measured.append((f"{name} as {role}", p95, rps / base_rps))
            print(
                f"| {name} | {role} | {rps:.0f} | {p50:.1f} | {p95:.1f} | {rps / base_rps:.2f} "
                f"| {queries} | {len(html)} | {len(gzip.compress(html))} | {js} | {view} "
                f"| {errors} |",
                flush=True,
            )
        print(_workers_memory(server))
        print(_summary(measured))
    finally:
        server.terminate()
        server.wait()
    _time_payouts(10_000)
    out = StringIO()
    call_command("bench_reminders", reminders=10_000, stdout=out)
    print("\nReminders:\n" + out.getvalue())


def _summary(measured) -> str:
    """One line: how many page-role pairs meet each budget, and the worst of each."""
    fast = sum(p95 <= P95_BUDGET_MS for _pair, p95, _ratio in measured)
    light = sum(ratio >= RATIO_BUDGET for _pair, _p95, ratio in measured)
    both = sum(p95 <= P95_BUDGET_MS and ratio >= RATIO_BUDGET for _pair, p95, ratio in measured)
    slowest = max(measured, key=lambda m: m[1])
    lowest = min(measured, key=lambda m: m[2])
    return (
        f"\nSummary: {both} of {len(measured)} page-role pairs meet both budgets; "
        f"{fast} meet p95 <= {P95_BUDGET_MS} ms (worst: {slowest[0]}, {slowest[1]:.1f} ms); "
        f"{light} meet ratio >= {RATIO_BUDGET} (worst: {lowest[0]}, {lowest[2]:.2f})"
    )


def _workers_memory(server: subprocess.Popen) -> str:
    """Resident memory of each gunicorn worker (the master's children) after the run."""
    output = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(server.pid)], capture_output=True, text=True
    ).stdout
    sizes = sorted(int(kb) / 1024 for kb in output.split())
    if not sizes:
        return "\nGunicorn workers: none found"
    return (
        f"\nGunicorn workers' resident memory after the run: {len(sizes)} workers, "
        f"{max(sizes):.0f} MB the largest, {sum(sizes) / len(sizes):.0f} MB on average"
    )


def _measure_pages(big_pages, small_pages, people):
    """Every page each role may see (200 with the test client), with its query counts on the
    biggest and the smallest project and its weight."""
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # the 403s are expected
    small_project = Project.objects.get(pk=int(small_pages["project"].split("/")[2]))
    rows = []
    for name, path in big_pages.items():
        for role, user in people.items():
            client = Client(HTTP_HOST="127.0.0.1")
            _sign_in(client, user)
            with CaptureQueriesContext(connection) as big:
                response = client.get(path)
            if response.status_code != 200:
                continue
            _sign_in(client, person(small_project, role))
            with CaptureQueriesContext(connection) as small:
                assert client.get(small_pages[name]).status_code == 200, (name, role)
            html = response.content
            js, view = _weight(html)
            rows.append((name, role, path, f"{len(big)}/{len(small)}", html, js, view))
    return rows


def _weight(html: bytes) -> tuple[int, int]:
    """JavaScript bytes the page loads, and its first view gzipped: HTML, CSS and JS."""
    text = html.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', text)
    styles = re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', text)
    files = {url: _static(url) for url in scripts + styles}
    inline_js = sum(len(s) for s in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S))
    js = inline_js + sum(len(files[url]) for url in scripts)
    view = len(gzip.compress(html)) + sum(len(gzip.compress(body)) for body in files.values())
    return js, view


def _static(url: str) -> bytes:
    found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    return Path(found).read_bytes() if found else b""


def _sign_in(client: Client, user) -> None:
    """Signed in as the account asks: with the authenticator app too, when it has one, since
    pages that show access needs or move money need the app used in that session."""
    client.force_login(user)
    if is_mfa_enabled(user):
        session = client.session
        record_authentication(SimpleNamespace(session=session), user, "mfa", type="totp")
        session.save()


def _session(user) -> str:
    # The configured engine (cached_db): gunicorn then finds the session in the database.
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if is_mfa_enabled(user):
        record_authentication(SimpleNamespace(session=session), user, "mfa", type="totp")
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _start_gunicorn() -> subprocess.Popen:
    env = dict(
        os.environ,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        BENCH_BASELINE="true",
        FIELD_ENCRYPTION_KEYS=",".join(settings.FIELD_ENCRYPTION_KEYS),
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "coproduce.wsgi", "--workers", WORKERS]
        + ["--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        if (
            subprocess.run(["curl", "-fs", "-o", "/dev/null", _url("/bench/baseline/")]).returncode
            == 0
        ):
            return server
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def _url(path: str) -> str:
    return f"http://127.0.0.1:{PORT}{path}"


def _wrk_check(path: str, cookie: str | None) -> list[str]:
    """The page answers 200 through gunicorn: a redirect to sign in would look fast to wrk."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    status = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", *headers, _url(path)],
        capture_output=True,
        text=True,
    ).stdout
    if status != "200":
        raise SystemExit(f"{path}: {status} from gunicorn")
    return headers


def _wrk(path: str, cookie: str | None) -> tuple[float, float, float, int]:
    """Requests per second, p50 and p95 in ms, and errors (timeouts: a loaded machine)."""
    headers = _wrk_check(path, cookie)
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s"]
    command += ["-s", str(ROOT / "tools/wrk_report.lua"), *headers, _url(path)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = re.search(r"BENCH rps=([\d.]+) p50_us=(\d+) p95_us=(\d+) errors=(\d+)", output)
    return float(found[1]), int(found[2]) / 1000, int(found[3]) / 1000, int(found[4])


def _time_payouts(count: int) -> None:
    """Approve `count` bank claims whose claimants have bank details, time the payout run, and
    roll everything back."""
    try:
        with transaction.atomic():
            Claim.objects.filter(status=Status.APPROVED).update(status=Status.SUBMITTED)
            chosen = list(
                Claim.objects.filter(
                    status=Status.PAID, claimant__payment_choice__method=Method.BANK
                )
                .order_by("pk")
                .values_list("pk", flat=True)[:count]
            )
            Claim.objects.filter(pk__in=chosen).update(
                status=Status.APPROVED, method=Method.BANK, paid_at=None
            )
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                batches = payout_run()
            seconds = time.perf_counter() - started
            scheduled = Claim.objects.filter(pk__in=chosen, status=Status.SCHEDULED).count()
            print(
                f"\nPayouts: {len(chosen)} approved bank claims, {scheduled} scheduled in "
                f"{len(batches)} batches in {seconds:.2f} s, {len(queries)} queries"
            )
            raise _Rollback
    except _Rollback:
        pass


if __name__ == "__main__":
    main()
