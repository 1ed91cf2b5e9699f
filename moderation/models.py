"""Moderation records: watched phrases, cases with their flags and reports,
suspensions, and the audit log of every action."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from moderation import outcomes
from moderation.screening import verdict as screening
from moderation.screening.rules import PatternError, validate_pattern


class WatchedPhrase(models.Model):
    class Action(models.TextChoices):
        FLAG = screening.FLAG, "Flag for review (publish as usual)"
        LABEL = screening.LABEL, "Publish with the unverified-claim label"
        HOLD = screening.HOLD, "Hold for review"
        BLOCK = screening.BLOCK, "Block (refuse at once)"

    pattern = models.CharField(
        max_length=300,
        help_text="A word or phrase, matched on whole words after normalisation (case, accents, look-alike "
                  "letters and spelling tricks are ignored), or a regular expression.",
    )
    is_regex = models.BooleanField("regular expression", default=False)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.FLAG)
    note = models.CharField(max_length=200, blank=True, help_text="Why it is watched; shown to moderators.")
    is_active = models.BooleanField("active", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pattern"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "is_regex"], name="watched_phrase_unique_pattern"),
        ]

    def __str__(self):
        return self.pattern

    def clean(self):
        if self.is_regex:
            try:
                validate_pattern(self.pattern)
            except PatternError as error:
                raise ValidationError({"pattern": str(error)}) from error
        elif not self.pattern.strip():
            raise ValidationError({"pattern": "Enter a word or phrase."})


class Case(models.Model):
    """Everything moderators need to decide on one post: its flags, its reports, a
    snapshot of its text and place. A post has at most one open case at a time."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        APPROVED = "approved", "Approved"
        LABELLED = "labelled", "Approved with label"
        EDITED = "edited", "Edited and approved"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Deleted by its author"

    # Decisions against a post that its author may appeal (moderation.services.appeals).
    APPEALABLE = (State.REJECTED, State.LABELLED, State.EDITED)

    class Reason(models.TextChoices):
        SCREENING = "screening", "Automatic screening"
        REPORT = outcomes.REPORT, "Member reports"
        NEW_MEMBER = outcomes.NEW_MEMBER, "New member's first post"
        NEW_MEMBER_WAITING = outcomes.NEW_MEMBER_WAITING, "New member, first post not yet approved"
        STAFF = "staff", "Removed by staff"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    post = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_cases"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    # Priority, kept on the row so the queue orders by an index.
    is_crisis = models.BooleanField("crisis", default=False)
    score = models.FloatField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField(default=timezone.now)
    # Space-delimited words (" directive causal "), so a filter is one portable LIKE.
    reasons = models.CharField(max_length=200, blank=True)
    categories = models.CharField(max_length=300, blank=True)
    # A snapshot of the post, for the queue and for the record once the post changes.
    text = models.TextField(blank=True)
    spans = models.JSONField(default=list, blank=True)
    place_key = models.CharField(max_length=100, blank=True)
    place_title = models.CharField(max_length=200, blank=True)
    post_label = models.CharField(max_length=100, blank=True)
    post_url = models.CharField(max_length=500, blank=True)
    # The name an imported post was written under; members are named through author.
    author_name = models.CharField(max_length=100, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["-is_crisis", "-score", "-report_count", "opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], condition=models.Q(state="open"), name="case_one_open_per_post"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-is_crisis", "-score", "-report_count", "opened_at"], name="case_queue"),
            models.Index(fields=["content_type", "object_id"], name="case_post"),
            models.Index(fields=["state", "decided_at"], name="case_decided"),
            # The queue's list of articles with open cases, read from the index alone.
            models.Index(fields=["state", "place_title", "place_key"], name="case_places"),
        ]
        permissions = [("review_case", "Can work the review queue")]

    def __str__(self):
        return f"{self.post_label} on {self.place_title}"

    @property
    def author_display(self) -> str:
        if self.author_id:
            return self.author.display_name
        return self.author_name or "former member"

    def get_absolute_url(self):
        return reverse("moderation:case", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def category_list(self) -> list[str]:
        return self.categories.split()

    @property
    def reason_list(self) -> list[str]:
        return [self.Reason(reason).label for reason in self.reasons.split()]


class Flag(models.Model):
    """One automatic reason a case was opened or grew: a screening verdict or the trust rules."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(max_length=20, choices=Case.Reason.choices)
    score = models.FloatField(default=0)
    categories = models.CharField(max_length=300, blank=True)
    # The screened text and the verdict's spans, which index it.
    text = models.TextField(blank=True)
    verdict = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "created_at", "pk"]

    def __str__(self):
        return f"{self.get_reason_display()} on case {self.case_id}"


class RecognisedSource(models.Model):
    """A research or health-authority site: links to it count as a cited source and not toward the link hold."""

    domain = models.CharField(
        max_length=200, unique=True,
        help_text="The site's domain, e.g. pubmed.ncbi.nlm.nih.gov; its subdomains count too, look-alikes do not.",
    )
    name = models.CharField(max_length=100, help_text="As moderators read it in a case, e.g. PubMed.")

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return f"{self.name} ({self.domain})"

    def clean(self):
        domain = self.domain.strip().lower().rstrip(".")
        if domain.startswith(("http://", "https://")) or "/" in domain or "@" in domain:
            raise ValidationError({"domain": "Give the domain only, such as nhs.uk, without https:// or a path."})
        if not domain.isascii() or "xn--" in domain or "." not in domain:
            raise ValidationError({"domain": "Give a plain domain with a dot, such as nhs.uk."})
        self.domain = domain


class LabelledExample(models.Model):
    """A moderator's decision on a screened post, kept as a labelled text for training the claim model.

    Holds the text readers saw and nothing that points at its author or the
    post, so it outlives both and carries no personal data of the author.
    """

    text = models.TextField(help_text="The post's visible text when it was decided.")
    is_claim = models.BooleanField(help_text="Approved: not an unverified claim; labelled, edited or rejected "
                                             "for a claim: a claim.")
    decision = models.CharField(max_length=20, choices=Case.State.choices)
    categories = models.CharField(max_length=300, blank=True, help_text="What screening had flagged.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self):
        return f"{'Claim' if self.is_claim else 'Not a claim'} ({self.get_decision_display().lower()})"


class ClaimModel(models.Model):
    """A version of the trained claim model: its weights, what it learnt from and its
    cross-validated figures beside those of the version active when it was trained.

    Version 1 is the model shipped with the release (its weights and figures are
    read from screening/trained/); later versions are retrained where the site runs.
    Exactly one version is active at most; none active means the shipped one.
    """

    class State(models.TextChoices):
        TRAINING = "training", "Training"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    state = models.CharField(max_length=20, choices=State.choices, default=State.TRAINING)
    is_shipped = models.BooleanField(default=False, help_text="The release's model, read from its files.")
    # screening/model.py's export; empty for the shipped version and until training ends.
    weights = models.JSONField(null=True, blank=True)
    # Files, settings and cross-validated figures (as provenance.json), and the same
    # folds scored for the version that was active when this one was trained.
    provenance = models.JSONField(default=dict, blank=True)
    compared_with = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    comparison = models.JSONField(default=dict, blank=True)
    # The moderators' decisions it learnt from: those decided up to this time.
    decisions_until = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    is_active = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=models.Q(is_active=True),
                                    name="claim_model_one_active"),
            models.UniqueConstraint(fields=["state"], condition=models.Q(state="training"),
                                    name="claim_model_one_training"),
        ]
        permissions = [("switch_claimmodel", "Can retrain the claim model and switch versions")]

    def __str__(self):
        return f"Version {self.pk}" + (" (shipped)" if self.is_shipped else "")

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY


class Report(models.Model):
    """A member's report of a post; one per member per post."""

    class Reason(models.TextChoices):
        MISINFORMATION = "misinformation", "Medical misinformation"
        SPAM = "spam", "Spam"
        HARASSMENT = "harassment", "Harassment"
        OTHER = "other", "Other"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"], name="report_one_per_member_per_post"
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} report on case {self.case_id}"


class SuspensionQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(starts_at__lte=at, ends_at__gt=at, lifted_at=None)


class Suspension(models.Model):
    """A member barred from taking part until a time; they can still read and appeal.

    A suspension bars posting, editing and reporting. A silence, the step between a
    warning and a suspension, bars only new comments and discussions: the member may
    still edit what they wrote, report and follow."""

    class Kind(models.TextChoices):
        SUSPEND = "suspend", "suspension"
        SILENCE = "silence", "silence"

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SUSPEND, db_default=Kind.SUSPEND)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    reason = models.TextField()
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="suspensions")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["member", "ends_at"], name="suspension_member_ends")]

    def __str__(self):
        return f"{self.member} until {self.ends_at:%Y-%m-%d %H:%M}"

    @property
    def in_force(self) -> bool:
        """The same test as SuspensionQuerySet.active, for suspensions already loaded."""
        return self.lifted_at is None and self.starts_at <= timezone.now() < self.ends_at

    @property
    def is_silence(self) -> bool:
        return self.kind == self.Kind.SILENCE

    @property
    def what(self) -> str:
        """"Suspended" or "Silenced", as moderators and the member read it."""
        return "Silenced" if self.is_silence else "Suspended"

    @property
    def until_key(self) -> str:
        """How the audit log names its end: suspended_until or silenced_until."""
        return f"{self.what.lower()}_until"


class MemberNote(models.Model):
    """A moderator's note on a member, shared with the other moderators and never shown to the member."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_notes")
    text = models.TextField(help_text="At most 1,000 characters.")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written at the time, as the audit log keeps it.
    written_by_name = models.CharField(max_length=100, blank=True)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_at", "-pk"]
        indexes = [models.Index(fields=["member", "-written_at"], name="member_note_member_written")]

    def __str__(self):
        return f"Note on {self.member} by {self.written_by_name or 'a former moderator'}"


class AuditEntry(models.Model):
    """One moderation action, kept for good: who, what, when, the state before and after."""

    class Action(models.TextChoices):
        APPROVE = "approve", "Approved"
        LABEL = "label", "Approved with label"
        EDIT = "edit", "Edited and approved"
        REJECT = "reject", "Rejected"
        HIDE = "hide", "Hidden after reports"
        SUSPEND = "suspend", "Suspended a member"
        SILENCE = "silence", "Silenced a member"
        LIFT = "lift", "Lifted a suspension"
        NOTE = "note", "Wrote a note on a member"
        PHRASE_ADD = "phrase_add", "Added a watched phrase"
        PHRASE_CHANGE = "phrase_change", "Changed a watched phrase"
        PHRASE_DELETE = "phrase_delete", "Removed a watched phrase"
        APPEAL = "appeal", "Appealed by the member"
        UPHOLD = "uphold", "Upheld on appeal"
        REVERSE = "reverse", "Reversed on appeal"
        MODEL_TRAIN = "model_train", "Started retraining the claim model"
        MODEL_SWITCH = "model_switch", "Switched the claim model"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written at the time: the record outlives renamed and deleted accounts.
    actor_name = models.CharField(max_length=100, help_text="Empty for automatic actions.", blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries")
    # The member an action was about (a suspension), so their name can be erased with their account.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=300)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"


class Appeal(models.Model):
    """A member's request that a different moderator look again at one decision about
    them: a case decided against their post, or a suspension. Once per decision, one
    open at a time per member; the database refuses the original moderator as decider."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        UPHELD = "upheld", "Upheld"
        REVERSED = "reversed", "Reversed"

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals")
    case = models.OneToOneField(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="appeal")
    suspension = models.OneToOneField(
        Suspension, null=True, blank=True, on_delete=models.CASCADE, related_name="appeal"
    )
    text = models.TextField(help_text="What the member wrote, at most 1,000 characters.")
    # The decision appealed, in words, as it stood: a reversal changes the case it was made on.
    decision = models.CharField(max_length=600)
    is_crisis = models.BooleanField("crisis", default=False)
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    # Who made the decision appealed against; they may not decide the appeal.
    original_decider = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-is_crisis", "opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=False, suspension=None) | models.Q(case=None, suspension__isnull=False),
                name="appeal_one_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_by=None) | models.Q(original_decider=None)
                | ~models.Q(decided_by=models.F("original_decider")),
                name="appeal_decided_by_another_moderator",
            ),
            models.UniqueConstraint(fields=["member"], condition=models.Q(state="open"),
                                    name="appeal_one_open_per_member"),
        ]
        indexes = [models.Index(fields=["state", "-is_crisis", "opened_at"], name="appeal_queue")]

    def __str__(self):
        return f"Appeal by {self.member} ({self.get_state_display().lower()})"

    def get_absolute_url(self):
        return reverse("moderation:appeal", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Nudge(models.Model):
    """A "cite a source" note shown to a member while writing, and what followed.

    Counts only: the draft itself is never stored. The token is made when the form
    is shown and comes back with the post; the digest is a keyed hash of the text
    the note was last shown for, so posting it unchanged can be told apart."""

    class Form(models.TextChoices):
        COMMENT = "comment", "Comment"
        REPLY = "reply", "Reply"
        EDIT = "edit", "Edit"
        DISCUSSION = "discussion", "New discussion"

    class Followed(models.TextChoices):
        UNCHANGED = "unchanged", "Posted unchanged"
        SOURCE = "source", "Posted with a source added"
        REWORDED = "reworded", "Posted with the wording changed"
        ABANDONED = "abandoned", "Not posted"

    class Result(models.TextChoices):
        PUBLISHED = "published", "Published"
        LABELLED = "labelled", "Published with the label"
        HELD = "held", "Held for review"

    token = models.CharField(max_length=40, unique=True)
    form = models.CharField(max_length=20, choices=Form.choices)
    shown_at = models.DateTimeField(default=timezone.now, db_index=True)
    times_shown = models.PositiveIntegerField(default=1)
    categories = models.CharField(max_length=300, blank=True)
    expected = models.CharField(max_length=20, blank=True, help_text="What posting it as it was would have done.")
    cited = models.BooleanField(default=False, help_text="Whether the text cited a source when first noted.")
    digest = models.CharField(max_length=64, blank=True)
    followed = models.CharField(max_length=20, choices=Followed.choices, blank=True)
    result = models.CharField(max_length=20, choices=Result.choices, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-shown_at"]

    def __str__(self):
        return f"Nudge on a {self.get_form_display().lower()} ({self.followed or 'open'})"
