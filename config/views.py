"""Site-wide error views."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form that came back without a valid token: say so, and hand back the text.

    The usual cause is a page left open past the session or a sign-out in another
    tab; showing the member what they wrote means nothing typed is lost.
    """
    return render(request, "403_csrf.html", {"text": request.POST.get("text", "")}, status=403)
