"""The extra field allauth's sign-up form asks for: a display name."""

from django import forms

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
