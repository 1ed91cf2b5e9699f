"""Members' own forms: the display name allauth's sign-up asks for, and the profile."""

import unicodedata
import zoneinfo
from functools import cache

from django import forms

from accounts.models import User
from accounts.names import clean_display_name


class SignupForm(forms.Form):
    display_name = forms.CharField(
        label="Display name",
        max_length=50,
        help_text="Shown beside your comments. You can use your real name or not.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user):
        """Called by allauth once the user exists; the adapter already set the name."""


@cache
def time_zones() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())
            if "/" in name or name == "UTC"]


class ProfileForm(forms.ModelForm):
    """What a member changes about themselves: name, bio, time zone, how pages look and which
    e-mail they get."""

    time_zone = forms.ChoiceField(
        label="Time zone", choices=time_zones, required=False,
        help_text="Times on the site are shown in this time zone.",
        error_messages={"invalid_choice": "Choose a time zone from the list."},
    )

    class Meta:
        model = User
        fields = ["display_name", "bio", "time_zone", "theme", "text_size", "notify_replies", "notify_followed",
                  "notify_mentions", "notify_moderation", "replies_delivery", "followed_delivery"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 500}), "theme": forms.RadioSelect,
                   "text_size": forms.RadioSelect}
        error_messages = {"bio": {"max_length": "Keep your bio under 500 characters."},
                          "theme": {"invalid_choice": "Choose one of the themes listed."},
                          "text_size": {"invalid_choice": "Choose one of the text sizes listed."},
                          "replies_delivery": {"invalid_choice": "Choose how replies are mailed from the list."},
                          "followed_delivery": {
                              "invalid_choice": "Choose how followed comments are mailed from the list."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of the form (an older page, a script): kept as they were.
        for name in ("theme", "text_size", "replies_delivery", "followed_delivery"):
            self.fields[name].required = False

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def clean_theme(self):
        return self.cleaned_data["theme"] or self.instance.theme

    def clean_text_size(self):
        return self.cleaned_data["text_size"] or self.instance.text_size

    def clean_replies_delivery(self):
        return self.cleaned_data["replies_delivery"] or self.instance.replies_delivery

    def clean_followed_delivery(self):
        return self.cleaned_data["followed_delivery"] or self.instance.followed_delivery

    def clean_time_zone(self):
        # Left out of the form: kept as it was.
        return self.cleaned_data["time_zone"] or self.instance.time_zone

    def clean_bio(self):
        bio = self.cleaned_data["bio"].strip()
        if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in bio):
            raise forms.ValidationError("Your bio contains control characters; please remove them.")
        return bio
