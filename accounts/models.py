"""Members: signed in by e-mail address, shown by display name."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class Delivery(models.TextChoices):
    """How a kind of mail reaches a member: each one as it happens, or gathered in a digest."""

    EACH = "each", "Each one as it happens"
    DAILY = "daily", "In one daily digest"
    WEEKLY = "weekly", "In one weekly digest"


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(
        max_length=50, help_text="Shown beside everything you post."
    )
    bio = models.TextField(
        max_length=500, blank=True, help_text="A few words about you, shown on your profile. Plain text."
    )
    # E-mail preferences; every such mail carries a one-click link that switches its kind off.
    notify_replies = models.BooleanField("e-mail me replies to my comments", default=True)
    notify_followed = models.BooleanField("e-mail me new comments in discussions I follow", default=True)
    notify_moderation = models.BooleanField("e-mail me moderators' decisions about my posts", default=True)
    notify_mentions = models.BooleanField("e-mail me when someone mentions me in a comment", default=True,
                                          db_default=True)
    # Replies and followed discussions may come gathered in a digest; moderators' decisions always
    # come one by one, since each says how to appeal it.
    replies_delivery = models.CharField("replies to my comments", max_length=10, choices=Delivery.choices,
                                        default=Delivery.EACH, db_default=Delivery.EACH)
    followed_delivery = models.CharField("new comments where I follow", max_length=10, choices=Delivery.choices,
                                         default=Delivery.EACH, db_default=Delivery.EACH)
    # How pages look to them: the dark theme (or as their device is set), and the text size.
    theme = models.CharField("theme", max_length=10, choices=[
        ("device", "As my device is set"), ("light", "Light"), ("dark", "Dark")], default="device", db_default="device")
    text_size = models.CharField("text size", max_length=10, choices=[
        ("standard", "Standard"), ("large", "Large"), ("larger", "Larger")], default="standard", db_default="standard")
    # Times on the site are shown in this zone once signed in; readers see UTC.
    time_zone = models.CharField(max_length=64, default="UTC",
                                 help_text="Times on the site are shown in this time zone.")
    is_staff = models.BooleanField(
        default=False, help_text="Can sign in to the admin site."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name

    def get_full_name(self):
        return self.display_name


class Notification(models.Model):
    """Something that happened that concerns a member, shown on the site beside the e-mail
    (which the member may have switched off): replies, new comments where they follow,
    moderators' decisions and appeals."""

    class Kind(models.TextChoices):
        REPLIES = "replies", "Reply to you"
        FOLLOWED = "followed", "New comment where you follow"
        MODERATION = "moderation", "From the moderators"
        MENTIONS = "mentions", "Mentioned you"

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=500, help_text="Where it happened, on this site.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Waiting for the member's next digest (accounts/digests.py), with its part of that mail.
    digest_due = models.BooleanField(default=False, db_default=False)
    digest_text = models.TextField(blank=True, default="", db_default="")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["member", "-created_at"], name="notification_member_newest"),
            models.Index(fields=["member"], condition=models.Q(read_at=None), name="notification_member_unread"),
            models.Index(fields=["member", "kind"], condition=models.Q(digest_due=True),
                         name="notification_digest_due"),
        ]

    def __str__(self):
        return self.text
