"""The one settings module. Environments differ only by environment variables (see README).

Each variable is read through a typed helper that fails loudly on a bad value, so a typo in
production stops start-up instead of silently falling back to a default.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from cryptography.fernet import Fernet
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Development has a fixed, obviously insecure key; production must set its own.
SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-do-not-use" if DEBUG else None)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "coproduce",
    "audit",
    "privacy",
    "accounts",
    "projects",
    "reminders",
    "accessibility",
    "charters",
    "reviews",
    "expenses",
    "contributions",
    "operations",
    "outcomes",
    "datepolls",
    "papers",
]

MIDDLEWARE = [
    "operations.middleware.HealthCheckMiddleware",
    "coproduce.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "coproduce.sessions.RenewSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coproduce.body_limit.BodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: a signed-in person's saved language beats the browser's.
    "accounts.language.UserLanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coproduce.second_factor.SecondFactorMiddleware",
]

ROOT_URLCONF = "coproduce.urls"
WSGI_APPLICATION = "coproduce.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "outcomes.context_processors.commissions",
                "accounts.language.language_switch",
                # The person's format (easy read, large print) for every page.
                "accessibility.reading.reading",
            ],
            # `|bdi` and `|isolate` in every template, for user text in any script.
            "builtins": ["coproduce.templatetags.bidi"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the login; addresses must be verified; a one-time code by email
# is offered for people who find passwords hard; enumeration is prevented.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "login": "30/m/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Coproduce] "
# Moving money and downloading people's data ask for the password (or a code from the
# authenticator app) again unless it was given within this many seconds
# (coproduce/reauthentication.py).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Coproduce"
# Demo data only (make run): a code that stands in for the authenticator app. allauth refuses
# it unless DEBUG is on.
MFA_TOTP_INSECURE_BYPASS_CODE = env_str("DEMO_AUTHENTICATOR_CODE", "") if DEBUG else None

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

LANGUAGE_CODE = "en-gb"
# Each name is written in its own language: it is what a person looks for in the switch.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# locale/ is the portal's own catalogue (made by `make messages`); locale-libraries/ holds
# the Welsh for libraries' strings: allauth ships no Welsh (docs/welsh.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-libraries"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded receipts: in an S3-compatible object store when OBJECT_STORAGE_BUCKET is set (any
# machine may serve or delete them), in MEDIA_ROOT otherwise (development, one machine).
OBJECT_STORAGE_BUCKET = env_str("OBJECT_STORAGE_BUCKET", "")
OBJECT_STORAGE_ENDPOINT_URL = env_str("OBJECT_STORAGE_ENDPOINT_URL", "")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": OBJECT_STORAGE_BUCKET,
                "endpoint_url": OBJECT_STORAGE_ENDPOINT_URL or None,
                # Self-hosted S3 (MinIO and the like) serves buckets by path, not by host name.
                "addressing_style": "path" if OBJECT_STORAGE_ENDPOINT_URL else None,
                "region_name": env_str("OBJECT_STORAGE_REGION", "") or None,
                "access_key": env_str("OBJECT_STORAGE_ACCESS_KEY", "") or None,
                "secret_key": env_str("OBJECT_STORAGE_SECRET_KEY", "") or None,
                # Receipts are private: no public ACL, served only through the app's views.
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if OBJECT_STORAGE_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

# Email: the console in development; SMTP (or an anymail backend) in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Coproduce <no-reply@coproduce.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Free-text access needs and bank details are encrypted with these keys, which live outside the
# database. The first key encrypts; every key decrypts, so keys can be rotated by prepending.
_DEVELOPMENT_FIELD_KEY = "Yi3KXyLn4Jv5o_q1Hf3k2ZcUu9mE3jT7Q8wXbR0sNdA="
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", _DEVELOPMENT_FIELD_KEY if DEBUG else "")
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS must be set: one or more Fernet keys, comma-separated. "
        'Make one with: python -c "from cryptography.fernet import Fernet; '
        'print(Fernet.generate_key().decode())"'
    )
for _key in FIELD_ENCRYPTION_KEYS:
    try:
        Fernet(_key)
    except ValueError:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key "
            "(32 url-safe base64-encoded bytes)."
        ) from None

# Celery: with REDIS_URL, jobs go to Redis and a worker runs them; without it (the embedded
# default) they run in the web process as soon as they are enqueued.
REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Workers log through LOGGING below (JSON in production), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The beat and each worker record that they are alive this often (operations/heartbeat.py);
# the health check fails when neither has been seen for HEALTH_STALE_AFTER_SECONDS.
HEARTBEAT_SECONDS = env_int("HEARTBEAT_SECONDS", 30)
HEALTH_STALE_AFTER_SECONDS = env_int("HEALTH_STALE_AFTER_SECONDS", 180)
CELERY_BEAT_MAX_LOOP_INTERVAL = HEARTBEAT_SECONDS
CELERY_BEAT_SCHEDULE: dict = {
    # Reminders are computed from the data each minute, so a missed run only delays them.
    "reminders-tick": {
        "task": "reminders.tasks.tick",
        "schedule": float(env_int("REMINDERS_TICK_SECONDS", 60)),
    },
    # Old records (audit entries, receipts) go once their retention period ends.
    "privacy-retention": {
        "task": "privacy.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
    # Review cycles open and close on their dates; hourly is soon enough for a date.
    "reviews-advance": {"task": "reviews.tasks.advance_cycles", "schedule": 3600.0},
    # Approved claims go into payout batches on weekday mornings (UK time, CELERY_TIMEZONE),
    # ready for the finance officer; expenses/schedule.py tells people when they will be paid.
    "expenses-payout-run": {
        "task": "expenses.tasks.payout_run",
        "schedule": crontab(hour=6, minute=0, day_of_week="mon-fri"),
    },
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Security. Production runs behind HTTPS only; development over plain HTTP on loopback.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# `make bench` only: routes /bench/baseline/, a bare view measured beside the real pages.
BENCH_BASELINE = env_bool("BENCH_BASELINE", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# An idle timeout: activity renews the session (coproduce/sessions.py), so it ends after this
# many seconds without a request. Two hours, because many people here read slowly, use
# assistive technology or take breaks, and a timeout that ends a half-filled form loses work.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 2)
# Sessions are read from the cache (Redis in production, shared by every web server; this
# process's memory in development) and written through to the database, which saves a query
# on every page and means a restart of Redis signs nobody out (coproduce/sessions.py).
# Signing out everywhere still works: the session hash is checked against the user row on each
# request, and erasure deletes sessions through the session store, which clears the cache too.
SESSION_ENGINE = "coproduce.sessions"
SECURE_REFERRER_POLICY = "same-origin"
# Every script and style comes from our own static files: no inline script, nothing third-party.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
        "base-uri": [CSP_NONE],
        "object-src": [CSP_NONE],
    }
}
# The portal needs none of these browser features; nothing embedded may ask for them either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# One JSON object a line in production (LOG_FORMAT=json), plain text in development; every
# line carries the request id (coproduce/request_log.py).
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "coproduce.request_log.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "coproduce.request_log.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # fpdf2's font subsetting narrates every glyph at INFO.
    "loggers": {"fontTools": {"level": "WARNING"}},
}

# Text messages through GOV.UK Notify; without an API key, reminders go by email instead.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID", "")

# Payment files for the bank (Bacs Standard 18): the account payments are made from.
BACS_ORIGINATOR_SORT_CODE = env_str("BACS_ORIGINATOR_SORT_CODE", "")
BACS_ORIGINATOR_ACCOUNT = env_str("BACS_ORIGINATOR_ACCOUNT", "")
BACS_ORIGINATOR_NAME = env_str("BACS_ORIGINATOR_NAME", "")
BACS_ORIGINATOR_SERVICE_USER_NUMBER = env_str("BACS_ORIGINATOR_SERVICE_USER_NUMBER", "")
# New bank details hold a person's bank payouts for this many hours, so that someone who did
# not make the change hears of it before money goes to the new account (0: no hold).
BANK_DETAILS_COOLING_OFF_HOURS = env_int("BANK_DETAILS_COOLING_OFF_HOURS", 72)
if BANK_DETAILS_COOLING_OFF_HOURS < 0:
    raise ImproperlyConfigured("BANK_DETAILS_COOLING_OFF_HOURS must be 0 or more.")
# Whose bank holidays are not working days for payment dates (expenses/schedule.py). Bacs
# closes on those of England and Wales; Scotland and Northern Ireland add their own.
BANK_HOLIDAY_REGION = env_str("BANK_HOLIDAY_REGION", "england-and-wales")
if BANK_HOLIDAY_REGION not in ("england-and-wales", "scotland", "northern-ireland"):
    raise ImproperlyConfigured(
        "BANK_HOLIDAY_REGION must be england-and-wales, scotland or northern-ireland, "
        f"not {BANK_HOLIDAY_REGION!r}."
    )
# Receipts for expenses larger than this many bytes are refused.
RECEIPT_MAX_BYTES = env_int("RECEIPT_MAX_BYTES", 5 * 1024 * 1024)
# Photos of receipts with more pixels than this are refused before they are decoded: a small
# file can hold a huge image (a decompression bomb). 40 million is a 7,300 by 5,475 photo.
RECEIPT_MAX_PIXELS = env_int("RECEIPT_MAX_PIXELS", 40_000_000)
# Meeting papers larger than this many bytes are refused.
PAPER_MAX_BYTES = env_int("PAPER_MAX_BYTES", 5 * 1024 * 1024)
# A request body larger than this is refused before it is read (coproduce/body_limit.py): the
# largest upload and room for the form around it.
REQUEST_BODY_MAX_BYTES = env_int(
    "REQUEST_BODY_MAX_BYTES", max(RECEIPT_MAX_BYTES, PAPER_MAX_BYTES) + 1024 * 1024
)

# Invitations to join a project expire after this many days.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
# Retention periods (UK GDPR storage limitation): how long records are kept.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 2 * 365)
PAYMENT_RECORDS_RETENTION_YEARS = env_int("PAYMENT_RECORDS_RETENTION_YEARS", 6)
