"""Stored HTML rendered again: the sanitisers no longer keep nh3's default generic
attributes (lang, title) on every tag, and stored comments and articles may hold them."""

from django.db import migrations

from forum import pagecache, sanitize


def rerender(apps, schema_editor):
    for model, render in (("Comment", sanitize.render_comment), ("Article", sanitize.render_article)):
        rows = apps.get_model("forum", model).objects
        for pk, body, body_html in rows.values_list("pk", "body", "body_html").iterator():
            html = render(body)
            if html != body_html:
                rows.filter(pk=pk).update(body_html=html)
    pagecache.site_changed()


class Migration(migrations.Migration):

    dependencies = [
        ("forum", "0008_follow_kept_when_unfollowed"),
    ]

    operations = [
        migrations.RunPython(rerender, migrations.RunPython.noop),
    ]
