"""rerender: stored HTML is rebuilt from the source text after the allowlist changes."""

from django.core.management import call_command

from forum.models import Comment
from tests.factories import CommentFactory


def test_rerender_rebuilds_stale_html_from_the_source_text(article, capsys):
    fresh = CommentFactory(article=article, body="Plain <b>bold</b> text")
    stale = CommentFactory(article=article, body="Was allowed once: <u>underline</u>")
    # As stored under an older, wider allowlist.
    Comment.objects.filter(pk=stale.pk).update(body_html="<p>Was allowed once: <u>underline</u></p>")
    article.body = "<h2>Heading</h2><script>x()</script>"
    article.save()
    call_command("rerender")
    stale.refresh_from_db()
    fresh_html = Comment.objects.get(pk=fresh.pk).body_html
    assert "<u>" not in stale.body_html and "underline" in stale.body_html
    assert fresh_html == "<p>Plain <b>bold</b> text</p>"
    article.refresh_from_db()
    assert article.body_html == "<h2>Heading</h2>"
    assert "Re-rendered 2 comments (1 changed) and 1 articles." in capsys.readouterr().out
