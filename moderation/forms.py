"""Moderators' forms: decisions, bulk decisions, suspensions and watched phrases."""

from django import forms
from django.core.validators import URLValidator

from moderation import interfaces
from moderation.models import WatchedPhrase

DECISIONS = [
    (interfaces.APPROVE, "Approve"),
    (interfaces.LABEL, "Approve with the “Unverified health claim” label"),
    (interfaces.EDIT, "Edit and approve"),
    (interfaces.REJECT, "Reject"),
]


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=DECISIONS, widget=forms.RadioSelect, error_messages={"required": "Choose what to do with this post."}
    )
    note = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        label="Note shown under the labelled post (or to the author, for an edit)",
    )
    source_url = forms.URLField(
        required=False, max_length=500, label="Link to a reliable source (optional, shown under the label)",
        validators=[URLValidator(schemes=["http", "https"])], assume_scheme="https",
        error_messages={"invalid": "Enter a web address starting with https:// or http://."},
    )
    reason = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason the author is told (required to reject)",
    )
    text = forms.CharField(
        required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}),
        label="Edited text (for edit and approve)", strip=False,
    )


class BulkDecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[(interfaces.APPROVE, "Approve"), (interfaces.REJECT, "Reject")],
                               error_messages={"required": "Choose approve or reject."})
    cases = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": "Select at least one case."},
    )
    reason = forms.CharField(required=False, max_length=1000, label="Reason (required to reject)")

    def __init__(self, *args, case_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(pk, pk) for pk in case_ids]


class SuspensionForm(forms.Form):
    prefix = "suspend"  # shares the case page with the decision form
    days = forms.IntegerField(
        min_value=1, max_value=365, initial=7, label="Days",
        error_messages={"min_value": "Choose between 1 and 365 days.", "max_value": "Choose between 1 and 365 days.",
                        "required": "Choose how many days.", "invalid": "Enter a whole number of days."},
    )
    reason = forms.CharField(max_length=1000, label="Reason the member is told",
                             error_messages={"required": "Give the reason the member will be told."})


class SilenceForm(forms.Form):
    prefix = "silence"
    hours = forms.TypedChoiceField(
        coerce=int, label="For", initial=24,
        choices=[(1, "1 hour"), (4, "4 hours"), (24, "1 day"), (72, "3 days"), (168, "7 days"), (720, "30 days")],
        error_messages={"required": "Choose for how long.", "invalid_choice": "Choose one of the periods offered."},
    )
    reason = forms.CharField(max_length=1000, label="Reason the member is told",
                             error_messages={"required": "Give the reason the member will be told."})


class MemberNoteForm(forms.Form):
    prefix = "note"
    text = forms.CharField(
        label="Note for the other moderators", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="At most 1,000 characters. Moderators see it on this member's cases; the member never does.",
        error_messages={"required": "Write the note first.",
                        "max_length": "A note is at most 1,000 characters."},
    )


class WatchedPhraseForm(forms.ModelForm):
    class Meta:
        model = WatchedPhrase
        fields = ["pattern", "is_regex", "action", "note", "is_active"]


class AppealForm(forms.Form):
    text = forms.CharField(
        label="Why should the decision change?", max_length=1000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="At most 1,000 characters. A different moderator reads it with the post and the decision.",
        error_messages={"required": "Say why the decision should change.",
                        "max_length": "Keep your appeal under 1,000 characters."},
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to uphold or reverse the decision.",
                        "invalid_choice": "Choose whether to uphold or reverse the decision, and how."},
    )
    text = forms.CharField(
        required=False, max_length=10_000, strip=False, widget=forms.Textarea(attrs={"rows": 6}),
        label="Your edit (to reverse with an edit)",
    )
    unlabelled = forms.BooleanField(
        required=False, label="Publish without the label: I have checked that it is safe to read unlabelled",
    )
    note = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        label="Note the member is told (required to uphold, and to publish a claim without the label)",
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = choices
