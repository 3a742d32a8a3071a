"""`make smoke`: the production stack started the way bin/start starts it, without docker, and
driven over HTTP like its users, then broken on purpose and restored from a backup.

On the PostgreSQL and Redis of DATABASE_URL and REDIS_URL (a database of its own,
SMOKE_DATABASE_URL, default the same server's `<name>_smoke`, and SMOKE_REDIS_URL, default
Redis database 15, both emptied first) and an S3-compatible object store (moto's server):

1. `bin/start migrate`, then two `bin/start web` (gunicorn, DEBUG=false, production settings),
   two `bin/start worker` and one `bin/start beat`; /health/ answers 200 on both web servers.
2. Sam signs in with a password and a code from an authenticator app, writes an access need,
   claims for a meeting with a receipt (stored in the object store) and sends the claim; Fatima,
   a facilitator, signs in with her code and approves it. The workers build the payout batch, and
   a meeting reminder lands in the outbox. Requests alternate between the two web servers, so
   the session lives in Redis.
3. A payout run is started while the script holds one person's payment details locked; once a
   worker is waiting on that lock, in the middle of its batch, the worker is killed (SIGKILL)
   and a second beat is started. The next run pays everything: each approved claim once, and
   each reminder is sent once although two beats tick.
4. The restore drill: stop the stack, pg_dump, back up the bucket, drop both, restore both,
   start again, sign in and read the access need, the bank details (decrypted) and the receipt.

Every process it starts is in a process group of its own and is ended by its id at the end.
"""

import base64
import email
import email.policy
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
BUCKET = "coproduce-smoke"
PASSWORD = "coproduce-demo-2026"  # the demo accounts' (README)
ACCESS_WORDS = f"Smoke test: a quiet room, please {secrets.token_hex(4)}"
MEETING_TITLE = f"Smoke test meeting {secrets.token_hex(3)}"
CLAIMS_TITLE = f"Smoke test claims {secrets.token_hex(3)}"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WAIT = 180  # seconds allowed for anything the stack does on its own


def say(text: str) -> None:
    print(f"smoke: {text}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, check, timeout: float = WAIT):
    """Poll `check` until it returns something truthy; fail with `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise SystemExit(f"smoke: FAILED waiting for {what}")
        time.sleep(0.5)


# --- Configuration: production settings, our own database, Redis database and bucket ---------


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=path))


def _require(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise SystemExit(f"smoke: set {name} (.ci/run exports it)")
    return value


DATABASE_URL = os.environ.get("SMOKE_DATABASE_URL") or _with_path(
    _require("DATABASE_URL"), urlsplit(_require("DATABASE_URL")).path + "_smoke"
)
REDIS_URL = os.environ.get("SMOKE_REDIS_URL") or _with_path(_require("REDIS_URL"), "/15")
DB_NAME = urlsplit(DATABASE_URL).path.lstrip("/")
WORK = Path(tempfile.mkdtemp(prefix="coproduce-smoke-"))
S3_PORT = free_port()

ENV = {
    **os.environ,
    "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SITE_URL": "https://127.0.0.1",
    "OBJECT_STORAGE_BUCKET": BUCKET,
    "OBJECT_STORAGE_ENDPOINT_URL": f"http://127.0.0.1:{S3_PORT}",
    "OBJECT_STORAGE_REGION": "eu-west-2",
    "OBJECT_STORAGE_ACCESS_KEY": "smoke",
    "OBJECT_STORAGE_SECRET_KEY": "smoke-secret",
    # The outbox: every email as a file, instead of an SMTP server.
    "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    "EMAIL_FILE_PATH": str(WORK / "outbox"),
    # Minutes in production; seconds here, so that the run takes a few minutes at most.
    "REMINDERS_TICK_SECONDS": "3",
    "HEARTBEAT_SECONDS": "3",
    "BANK_DETAILS_COOLING_OFF_HOURS": "0",
    "WEB_CONCURRENCY": "2",
    "WORKER_CONCURRENCY": "1",
    "LOG_LEVEL": "INFO",
}
for unset in ("DJANGO_SETTINGS_MODULE", "MEDIA_ROOT", "CI", "DEMO_AUTHENTICATOR_CODE"):
    ENV.pop(unset, None)
# The driver reads and checks the same database through Django with the same settings.
os.environ.clear()
os.environ.update(ENV)
os.environ["DJANGO_SETTINGS_MODULE"] = "coproduce.settings"


# --- Processes ------------------------------------------------------------------------------


class Stack:
    """The processes this script started, by name; each leads a process group of its own."""

    def __init__(self):
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *command: str, **env: str) -> subprocess.Popen:
        log = open(WORK / f"{name}.log", "ab")  # noqa: SIM115 (kept open for the process)
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**ENV, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs[name] = proc
        return proc

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        proc = self.procs.pop(name)
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def stop(self, *names: str) -> None:
        for name in names or list(self.procs):
            if name in self.procs:
                self.kill(name, signal.SIGTERM)

    def check_alive(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                raise SystemExit(f"smoke: FAILED: {name} exited ({WORK / (name + '.log')})")


def run(*command: str, **env: str) -> None:
    subprocess.run(command, cwd=ROOT, env={**ENV, **env}, check=True, stdout=subprocess.DEVNULL)


def start_app(stack: Stack, webs: dict[str, int]) -> None:
    for name, port in webs.items():
        stack.start(name, "bin/start", "web", BIND=f"127.0.0.1:{port}")
    for name in ("worker1", "worker2"):
        stack.start(name, "bin/start", "worker", WORKER_NAME=name)
    stack.start("beat1", "bin/start", "beat", BEAT_SCHEDULE_FILE=str(WORK / "beat1-schedule"))


# --- HTTP, as a browser behind the load balancer sees it ------------------------------------


class Browser:
    served = 0

    def __init__(self, ports: list[int]):
        import requests

        self.ports, self.turn = ports, 0
        self.session = requests.Session()

    def _url(self, path: str) -> str:
        # Each request to the next web server, as a round-robin load balancer would.
        self.turn += 1
        return f"http://127.0.0.1:{self.ports[self.turn % len(self.ports)]}{path}"

    def _send(self, method: str, path: str, **kwargs):
        url = self._url(path)
        headers = {"X-Forwarded-Proto": "https", "Referer": "https" + url[4:]}
        token = self.session.cookies.get("csrftoken")
        if token:
            headers["X-CSRFToken"] = token
        response = self.session.request(
            method, url, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        Browser.served += 1
        # The load balancer ends TLS: the app marks its cookies Secure, and they must still go
        # back over the plain HTTP between the load balancer and gunicorn.
        for cookie in self.session.cookies:
            cookie.secure = False
        if response.status_code >= 400:
            raise SystemExit(f"smoke: FAILED: {method} {path} answered {response.status_code}")
        return response

    def get(self, path: str):
        return self._send("GET", path)

    def post(self, path: str, data=None, files=None):
        return self._send("POST", path, data=data or {}, files=files)

    def sign_in(self, email_address: str, secret: str) -> None:
        self.get("/accounts/login/")
        response = self.post("/accounts/login/", {"login": email_address, "password": PASSWORD})
        assert response.headers["Location"].startswith("/accounts/2fa/authenticate"), response
        for _attempt in range(3):
            response = self.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
            if response.status_code == 302:
                return
            # On a loaded machine the 30 seconds can end between reading the code and the
            # server checking it; a person would type the next one.
        raise SystemExit(f"smoke: FAILED: the codes were refused for {email_address}")


_codes_used: set[tuple[str, int]] = set()


def totp_code(secret: str) -> str:
    """The code the person's authenticator app shows now. A code works once, so a second
    sign-in within the same 30 seconds waits for the next one, as a person would."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = wait_for("a fresh code", lambda: _fresh_counter(secret), timeout=35)
    _codes_used.add((secret, counter))
    return format_hotp_value(hotp_value(secret, counter))


def _fresh_counter(secret: str) -> int | None:
    counter = int(time.time()) // 30
    return None if (secret, counter) in _codes_used else counter


# --- Data the stack is driven with ----------------------------------------------------------


def setup_people():
    """Authenticator apps for the people who sign in, bank details for the claimants, a
    meeting Sam attended (to claim for) and a meeting tomorrow (to be reminded of)."""
    from datetime import time, timedelta

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.utils import timezone

    from accounts.models import User
    from expenses.models import Method, PaymentChoice
    from projects.models import Attendance, Meeting, Project
    from reminders.models import ReminderSettings

    secrets_by_email = {}
    for address in ("person@example.com", "facilitator@example.com"):
        user = User.objects.get(email=address)
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        secrets_by_email[address] = secret
    project = Project.objects.get(title="Redesigning short breaks for carers")
    now = timezone.now()
    past = Meeting.objects.create(
        project=project,
        title=CLAIMS_TITLE,
        starts_at=now - timedelta(days=2, hours=2),
        ends_at=now - timedelta(days=2),
        created_by=project.created_by,
    )
    sam = User.objects.get(email="person@example.com")
    Attendance.objects.create(meeting=past, user=sam, attended=True)
    # The reminder is due now, and a reminder due in quiet hours (21:00 to 08:00 by default)
    # waits for the morning: the members choose no quiet hours, so the run does not depend on
    # the hour it starts.
    for member in User.objects.filter(memberships__project=project):
        ReminderSettings.objects.update_or_create(
            user=member, defaults={"quiet_from": time(0), "quiet_until": time(0)}
        )
    tomorrow = now + timedelta(hours=20)
    soon = Meeting.objects.create(
        project=project,
        title=MEETING_TITLE,
        starts_at=tomorrow,
        ends_at=tomorrow + timedelta(hours=1),
        created_by=project.created_by,
    )
    claimants = list(
        User.objects.filter(
            email__in=[
                "amina.begum@example.org",
                "dafydd.jones@example.org",
                "li.wei@example.org",
                "grace.mensah@example.org",
                "tom.oconnor@example.org",
            ]
        )
    )
    for user in claimants:
        PaymentChoice.objects.update_or_create(
            user=user,
            defaults={
                "method": Method.BANK,
                "account_name": user.full_name,
                "sort_code": "309457",
                "account_number": "00733446",
            },
        )
    return secrets_by_email, project, past, soon, claimants


def many_approved_claims(project, claimants, count: int = 6) -> int:
    """Approved claims for the chaos run: `count` past meetings, each claimant at each."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import User
    from expenses import services
    from projects.models import Attendance, Meeting

    fatima = User.objects.get(email="facilitator@example.com")
    made = 0
    for day in range(count):
        ends = timezone.now() - timedelta(days=3 + day)
        meeting = Meeting.objects.create(
            project=project,
            title=f"{CLAIMS_TITLE} ({day})",
            starts_at=ends - timedelta(hours=2),
            ends_at=ends,
            created_by=project.created_by,
        )
        for user in claimants:
            Attendance.objects.create(meeting=meeting, user=user, attended=True)
            claim = services.claim_start(meeting=meeting, claimant=user)
            services.claim_submit(claim=claim, by=user)
            services.claim_approve(claim=claim, by=fatima)
            made += 1
    return made


def _text(message) -> str:
    body = message.get_body(("plain", "html"))
    return body.get_content() if body else ""


def outbox() -> list:
    """Every email sent, parsed from the file backend's files."""
    messages = []
    for path in sorted((WORK / "outbox").glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
    return messages


# --- Checks ---------------------------------------------------------------------------------


def healthy(port: int) -> bool:
    import requests

    try:
        return requests.get(f"http://127.0.0.1:{port}/health/", timeout=10).status_code == 200
    except requests.RequestException:  # not listening yet, or still loading the app
        return False


def worker_waiting_on_lock(held_by: int) -> int | None:
    """The database session of a worker blocked by the lock this script holds, if any."""
    from django.db import connection

    with connection.cursor() as cursor:
        # Activity is read once per transaction unless the snapshot is cleared, and the caller
        # is inside the transaction that holds the lock.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))", [held_by]
        )
        row = cursor.fetchone()
    return row[0] if row else None


def session_gone(pid: int) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is None


def worker_running(task: str) -> str | None:
    from coproduce.celery import app

    for hostname, tasks in (app.control.inspect(timeout=2).active() or {}).items():
        if any(t["name"] == task for t in tasks):
            return hostname.split("@")[0]
    return None


def reminders_settled() -> bool:
    from django.utils import timezone

    from reminders.models import Delivery, Status

    due = Delivery.objects.filter(due_at__lte=timezone.now())
    return not due.filter(status__in=[Status.PENDING, Status.SENDING]).exists()


# --- The run --------------------------------------------------------------------------------


def drop_database(create_again: bool = False) -> None:
    import psycopg

    with psycopg.connect(_with_path(DATABASE_URL, "/postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if create_again:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def s3():
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=ENV["OBJECT_STORAGE_ENDPOINT_URL"],
        region_name=ENV["OBJECT_STORAGE_REGION"],
        aws_access_key_id=ENV["OBJECT_STORAGE_ACCESS_KEY"],
        aws_secret_access_key=ENV["OBJECT_STORAGE_SECRET_KEY"],
    )


def bucket_keys() -> list[str]:
    listing = s3().list_objects_v2(Bucket=BUCKET)
    return [item["Key"] for item in listing.get("Contents", [])]


def main() -> None:
    started = time.monotonic()
    stack = Stack()
    say(f"database {DB_NAME}, Redis {urlsplit(REDIS_URL).path}, logs in {WORK}")
    try:
        drive(stack)
    except BaseException:
        for log in sorted(WORK.glob("*.log")):
            say(f"--- last lines of {log.name}")
            print("\n".join(log.read_text(errors="replace").splitlines()[-25:]), flush=True)
        raise
    finally:
        stack.stop()
    drop_database()
    shutil.rmtree(WORK, ignore_errors=True)
    say(f"finished in {time.monotonic() - started:.0f} s")


def drive(stack: Stack) -> None:  # noqa: PLR0915 (one story, told in order)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    drop_database(create_again=True)
    stack.start("s3", str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT))
    wait_for("the object store", lambda: _s3_ready())
    s3().create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})

    # 1. Migrations once, demo data, then the stack.
    run("bin/start", "migrate")
    # The demo data refuses production settings (it plants known passwords): it is loaded as
    # development, into the same database, with the same keys and object store.
    run(str(BIN / "python"), "manage.py", "seed_demo", DEBUG="true", REDIS_URL="")
    import django

    django.setup()
    secrets_by_email, project, past, soon, claimants = setup_people()
    webs = {"web1": free_port(), "web2": free_port()}
    start_app(stack, webs)
    for port in webs.values():
        wait_for(f"/health/ on port {port}", lambda port=port: healthy(port))
    stack.check_alive()
    say("stack up: migrate, 2 gunicorn, 2 workers, 1 beat; /health/ 200 on both web servers")

    # 2. A claim, from the person's sign-in to the payout batch; a reminder in the outbox.
    sam = Browser(list(webs.values()))
    sam.sign_in("person@example.com", secrets_by_email["person@example.com"])
    sam.post("/access/about-you/", {"pronouns": "", "own_words": ACCESS_WORDS})
    assert ACCESS_WORDS in sam.get("/access/").text
    response = sam.post(f"/projects/{project.pk}/meetings/{past.pk}/claim/")
    claim_path = response.headers["Location"]
    claim_id = int(re.search(r"/claims/(\d+)/", claim_path)[1])
    added = sam.post(
        f"{claim_path}expenses/new/",
        {"expense_type": "travel", "description": "Bus there and back", "amount_pence": "4.80"},
        files={"receipt": ("bus-ticket.pdf", PDF, "application/pdf")},
    )
    assert added.status_code == 302, "the expense was refused"
    sam.post(f"{claim_path}submit/")
    fatima = Browser(list(webs.values()))
    fatima.sign_in("facilitator@example.com", secrets_by_email["facilitator@example.com"])
    fatima.post(f"{claim_path}decide/", {"decision": "approve"})

    from django.db import connection, transaction

    from coproduce.celery import app
    from expenses.models import Claim, ClaimLine, Method, PaymentChoice, PayoutItem, Status
    from reminders.models import Delivery
    from reminders.models import Status as Sent

    assert Claim.objects.get(pk=claim_id).status == Status.APPROVED
    receipt = ClaimLine.objects.exclude(receipt="").get(claim_id=claim_id).receipt.name
    assert receipt in bucket_keys(), "the receipt is not in the object store"
    app.send_task("expenses.tasks.payout_run")  # the weekday run, brought forward
    wait_for(
        "the payout batch",
        lambda: Claim.objects.get(pk=claim_id).status == Status.SCHEDULED,
    )
    wait_for(
        "a meeting reminder in the outbox",
        lambda: any(MEETING_TITLE in str(m["Subject"]) for m in outbox()),
    )
    say("signed in with codes; claim sent, approved by someone else, batched; reminder sent")

    # 3. A worker killed in the middle of a payout batch; a second beat.
    chaos = many_approved_claims(project, claimants)
    approved = set(
        Claim.objects.filter(status=Status.APPROVED, method=Method.BANK).values_list(
            "pk", flat=True
        )
    )
    hostage = claimants[-1]
    with transaction.atomic():
        list(PaymentChoice.objects.select_for_update().filter(user=hostage))
        app.send_task("expenses.tasks.payout_run")
        me = connection.connection.info.backend_pid
        blocked = wait_for("a worker inside a payout batch", lambda: worker_waiting_on_lock(me))
        victim = wait_for(
            "the worker running it", lambda: worker_running("expenses.tasks.payout_run")
        )
        stack.kill(victim)  # SIGKILL, mid-transaction: its batch must roll back
        stack.start("beat2", "bin/start", "beat", BEAT_SCHEDULE_FILE=str(WORK / "beat2-sched"))
    wait_for("the killed worker's transaction to end", lambda: session_gone(blocked))
    assert set(Claim.objects.filter(status=Status.APPROVED).values_list("pk", flat=True)) >= (
        approved
    ), "a claim left the approved state in a batch that was rolled back"
    app.send_task("expenses.tasks.payout_run")  # the next run, on the worker left
    wait_for(
        "the next run to pay every approved claim",
        lambda: not Claim.objects.filter(pk__in=approved, status=Status.APPROVED).exists(),
    )
    paid = list(
        PayoutItem.objects.filter(claim_id__in=approved | {claim_id}).values_list(
            "claim_id", flat=True
        )
    )
    assert sorted(paid) == sorted(approved | {claim_id}), "a claim was paid twice or not at all"
    wait_for("two beats' reminder runs to settle", reminders_settled)
    stack.check_alive()
    sent = Delivery.objects.filter(status__in=[Sent.SENT, Sent.IN_SUMMARY], channel="email")
    emails = [(str(m["To"]), str(m["Subject"]), _text(m)) for m in outbox()]
    twice = [e[:2] for e in set(emails) if emails.count(e) > 1]
    assert not twice, f"sent twice: {twice}"
    about_meeting = [e for e in emails if MEETING_TITLE in e[1]]
    to_whom = {e[0].split("<")[-1].rstrip(">") for e in about_meeting}
    reminded = {d.recipient.email for d in sent.filter(subject=f"meeting:{soon.pk}")}
    assert reminded and reminded <= to_whom, "a reminder was marked sent but not sent"
    say(f"worker {victim} killed mid-batch, a second beat started; every claim paid once")

    # 4. The restore drill.
    stack.stop(*[name for name in stack.procs if name != "s3"])
    from django.db import connections

    connections.close_all()
    dump = WORK / "coproduce.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", DATABASE_URL], check=True)
    objects = {key: s3().get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in bucket_keys()}
    drop_database()
    for key in objects:
        s3().delete_object(Bucket=BUCKET, Key=key)
    assert not bucket_keys()
    drop_database(create_again=True)
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={DATABASE_URL}", dump], check=True)
    for key, body in objects.items():
        s3().put_object(Bucket=BUCKET, Key=key, Body=body)
    start_app(stack, webs)
    for port in webs.values():
        wait_for(f"/health/ on port {port} after the restore", lambda port=port: healthy(port))
    after = Browser(list(webs.values()))
    after.sign_in("person@example.com", secrets_by_email["person@example.com"])
    assert ACCESS_WORDS in after.get("/access/").text, "the access need did not decrypt"
    assert "****3446" in after.get("/payments/").text, "the bank details did not decrypt"
    line = ClaimLine.objects.exclude(receipt="").get(claim_id=claim_id)
    download = after.get(f"{claim_path}lines/{line.pk}/receipt/")
    assert download.content == PDF, "the receipt did not come back from the object store"
    say("restore drill: dump, drop, restore; signed in; access need, bank details, receipt read")

    served = sum(
        (WORK / f"{name}.log").read_text().count('"logger": "coproduce.requests"') for name in webs
    )
    reminders = sent.count()
    print(
        "\nSMOKE TEST PASSED\n"
        f"  requests served: {served} (the driver made {Browser.served})\n"
        f"  claims paid: {len(paid)} ({chaos} in the chaos run), each exactly once\n"
        f"  reminders sent: {reminders} by email, each once ({len(about_meeting)} about the "
        "smoke meeting)\n"
        "  restore drill passed\n",
        flush=True,
    )


def _s3_ready() -> bool:
    try:
        s3().list_buckets()
        return True
    except Exception:
        return False


if __name__ == "__main__":
    main()
