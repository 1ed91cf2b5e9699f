"""The comment form: what a member may send, checked before anything is stored."""

import re
import unicodedata
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from core.refusals import Refused
from forum.models import Comment
from moderation.models import Nudge, Report

# Line breaks and tabs are text; every other control character is refused.
_ALLOWED_CONTROLS = frozenset("\n\r\t")


class _Figure(int):
    """A count that prints as people read it: 10,000."""

    def __str__(self):
        return f"{int(self):,}"


class _LengthLimit(MaxLengthValidator):
    def clean(self, x):
        return _Figure(len(x))


def _comment_limit() -> int:
    # Read when the form is checked, so the setting is honoured as it stands at request time.
    return _Figure(settings.FORUM_COMMENT_MAX_LENGTH)


class CommentTextField(forms.CharField):
    """Comment text, refused with a readable reason when it cannot be stored as is: not
    valid UTF-8, control characters, or longer than FORUM_COMMENT_MAX_LENGTH."""

    def __init__(self, *, noun: str = "comment", **kwargs):
        super().__init__(**kwargs)
        self.validators.append(_LengthLimit(_comment_limit, message=(
            f"Your {noun} is %(show_value)s characters long; the limit is %(limit_value)s. Please shorten it.")))

    def to_python(self, value):
        value = super().to_python(value)
        if "\ufffd" in value:
            # Django decodes form data leniently; invalid UTF-8 arrives as U+FFFD.
            raise ValidationError(
                "Your comment contains characters that could not be read (it was not valid "
                "UTF-8 text). Please retype or paste it again.",
                code="encoding",
            )
        if any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS for ch in value):
            raise ValidationError(
                "Your comment contains control characters (such as NUL) that cannot be stored. "
                "Please remove them and send it again.",
                code="control",
            )
        return value

    @classmethod
    def text(cls, value, *, noun: str = "comment") -> str:
        """value as a comment form takes it, for what is not a form (the API): refused (400)
        in the form's words."""
        try:
            return cls(noun=noun).clean(value)
        except ValidationError as error:
            raise Refused(" ".join(error.messages), status=400) from None


class NudgeFields(forms.Form):
    """A writing session's token, made when the form is shown, and whether the writer has
    seen the note on their text (nudge.js, or the confirm step) and posts it anyway."""

    nudge = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nudge"].initial = uuid.uuid4().hex

    @property
    def max_length(self) -> int:
        """The text box's limit, for its maxlength attribute."""
        return settings.FORUM_COMMENT_MAX_LENGTH

    def clean_nudge(self):
        token = self.cleaned_data["nudge"]
        # Made by the site; anything else is ignored, never an error the writer could not fix.
        return token if re.fullmatch(r"[0-9a-f]{32}", token) else ""


class CommentForm(NudgeFields):
    text = CommentTextField(
        label="Comment",
        error_messages={"required": "Your comment is empty. Write something before sending it."},
    )
    parent = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "The comment you replied to could not be found.",
            "min_value": "The comment you replied to could not be found.",
        },
    )

    # "Quote" (forum/static/forum/quote.js): the comment quoted and the words selected in it,
    # checked against it by the posting service (forum/quoting.py).
    quote_of = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The comment you quoted could not be found.",
                        "min_value": "The comment you quoted could not be found."},
    )
    quote = forms.CharField(required=False, strip=False, widget=forms.HiddenInput, max_length=5_000,
                            error_messages={"max_length": "Your quote is too long. Select a sentence or two."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quote"].widget.attrs["data-max"] = settings.FORUM_QUOTE_MAX_LENGTH

    def clean_parent(self):
        return self._comment("parent", "The comment you replied to could not be found.")

    def clean_quote_of(self):
        return self._comment("quote_of", "The comment you quoted could not be found.")

    def _comment(self, field: str, missing: str) -> Comment | None:
        pk = self.cleaned_data[field]
        if pk is None:
            return None
        try:
            return Comment.objects.get(pk=pk)
        except Comment.DoesNotExist:
            raise ValidationError(missing, code=field)


class HelpedForm(forms.Form):
    helped = forms.TypedChoiceField(
        choices=[("yes", "This helped me"), ("no", "It did not help me after all")],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Say whether the comment helped you.",
                        "invalid_choice": "Say whether the comment helped you."},
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you reporting this comment?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why you are reporting this comment.",
                        "invalid_choice": "Choose one of the reasons listed."},
    )
    note = forms.CharField(
        label="Anything moderators should know (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep the note under 500 characters."},
    )


class DiscussionForm(NudgeFields):
    title = forms.CharField(
        max_length=200,
        error_messages={"required": "Give your discussion a title.",
                        "max_length": "Keep the title under 200 characters."},
    )
    text = CommentTextField(
        noun="opening post",
        label="Opening post",
        error_messages={"required": "Your opening post is empty. Write something before sending it."},
    )

    def clean_title(self):
        title = self.cleaned_data["title"]
        if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in title):
            raise ValidationError("The title contains invisible or control characters.", code="control")
        return title



class CommentRemovalForm(forms.Form):
    """The admin's removal of comments: the reason each author is told."""

    reason = forms.CharField(
        label="Reason the authors are told", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        initial="It breaks the community guidelines.",
    )


class DraftForm(NudgeFields):
    """A draft nudge.js asks about: screened, never stored."""

    text = CommentTextField(noun="text", error_messages={"required": "Nothing to check yet."})
    title = forms.CharField(required=False, max_length=200)
    form = forms.ChoiceField(choices=Nudge.Form.choices)

