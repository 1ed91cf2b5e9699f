"""Search: articles' plain text. The full-text index itself is forum/search_index.py,
made sure of after every migrate."""

from django.db import migrations, models
from django.utils.html import strip_tags


def fill_body_text(apps, schema_editor):
    Article = apps.get_model("forum", "Article")
    for article in Article.objects.only("pk", "body_html").iterator():
        text = " ".join(strip_tags(article.body_html.replace("<", " <")).split())
        Article.objects.filter(pk=article.pk).update(body_text=text)


class Migration(migrations.Migration):

    dependencies = [
        ("forum", "0005_discussions"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_body_text, migrations.RunPython.noop),
    ]
