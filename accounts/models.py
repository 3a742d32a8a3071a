from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_without_email(self, *, preferred_name: str, full_name: str = ""):
        """A person with no email address (and so no way to sign in yet), added to a project by
        a facilitator; they get an account of their own later by claiming this one
        (projects.services.invitation_accept)."""
        user = self.model(email=None, preferred_name=preferred_name, full_name=full_name)
        user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


# The columns User.display_name reads.
DISPLAY_NAME_FIELDS = ("preferred_name", "full_name", "email")


def shown_name(path: str = "") -> Coalesce:
    """The name a person goes by, as the database can sort on it (display_name without the
    email's fallback), for the user at `path` ("user__" from a membership): lists ordered by
    name put someone who gave only a full name among the others, not first."""
    return Coalesce(NullIf(f"{path}preferred_name", Value("")), f"{path}full_name")


def display_name_of(preferred_name: str, full_name: str, email: str | None) -> str:
    """The name to show for a person, from DISPLAY_NAME_FIELDS: for queries that read those
    columns rather than whole users."""
    return preferred_name or full_name or (email or "").split("@")[0]


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Email is the login; there is no username."""

    # None for a person without email or internet, added by a facilitator, who cannot sign in.
    email = models.EmailField(
        _("email address"), max_length=254, unique=True, null=True, blank=True
    )
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_name = models.CharField(
        _("what should we call you?"),
        max_length=80,
        help_text=_("The name we use when we write to you and on project pages."),
    )
    is_staff = models.BooleanField(_("site staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # The language of the pages and of everything sent to the person (accounts/language.py);
    # empty until they choose, when it follows the site's default. A database default too, so
    # rows written by older migration states (migration tests) still insert.
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        default="",
        db_default="",
    )
    # Raised to sign the person out of every other session (accounts/sessions.py).
    session_generation = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["preferred_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Two accounts must not differ only by the case of their address.
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def has_email(self) -> bool:
        return bool(self.email)

    @property
    def display_name(self) -> str:
        return display_name_of(self.preferred_name, self.full_name, self.email)

    def get_full_name(self) -> str:
        return self.full_name or self.preferred_name

    def get_short_name(self) -> str:
        return self.display_name

    def _get_session_auth_hash(self, secret=None):
        """Django signs each session with this and ends any session whose hash no longer
        matches: a new password, or a raised `session_generation`. Generation 0 keeps
        Django's own hash, so sessions begun before the field existed stay valid."""
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "accounts.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()
