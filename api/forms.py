from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="What it is for",
                           help_text="For example “my reading app” or “the script on my laptop”: you see it here, "
                                     "to know which to revoke.")
