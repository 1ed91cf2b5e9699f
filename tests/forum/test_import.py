"""import_page: a saved page becomes an article with its numbered comments, names and times."""

import re
from datetime import datetime
from datetime import timezone as dt_timezone
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from forum.imports.pages import PageFormatError, parse_page
from forum.models import Article, Category

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_3366dd9b5a267014.txt"

# A page of our own in the same format, so the parser is tested without the seeds.
SAMPLE = """\
1. Health
Discuss in my forum

Mara Ellison

Pacing on Good Days

By June 2, 2021

Follow me on:

Good days tempt us to do everything at once.

What pacing means

Stop before you are tired, not after.

Research Reference:

  \u2022 Example A. Pacing in practice. A Journal. 2019;2(3):4-5. DOI: 10.1000/xyz.123

June 3, 2021 at 9:05 am
(1)\u00a0Lee\u00a0says:

This helped me.

Second paragraph.

June 4, 2021 at 11:40 pm
(2)\u00a0Ana Ruiz\u00a0says:

Same here.

Leave a Comment

  1. Example.com
  2. Health
  3. Fatigue
"""


def test_the_parser_reads_title_byline_body_references_comments_and_breadcrumbs():
    page = parse_page(SAMPLE)
    assert (page.title, page.byline, str(page.published_on)) == ("Pacing on Good Days", "Mara Ellison", "2021-06-02")
    assert page.breadcrumbs == ["Health", "Fatigue"]
    assert page.paragraphs == ["Good days tempt us to do everything at once.", "What pacing means",
                               "Stop before you are tired, not after."]
    assert [(r.doi, r.citation[:9]) for r in page.references] == [("10.1000/xyz.123", "Example A")]
    assert [(c.number, c.author_name, c.posted_at.isoformat(), c.text) for c in page.comments] == [
        (1, "Lee", "2021-06-03T09:05:00", "This helped me.\n\nSecond paragraph."),
        (2, "Ana Ruiz", "2021-06-04T23:40:00", "Same here."),
    ]


def test_text_without_a_byline_is_refused():
    with pytest.raises(PageFormatError):
        parse_page("Just some notes\n\nwith no article structure")


def test_importing_a_file_creates_the_article_under_its_breadcrumbs(db, tmp_path, client):
    path = tmp_path / "page.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    call_command("import_page", str(path))
    article = Article.objects.get()
    assert [article.category.parent.name, article.category.name] == ["Health", "Fatigue"]
    assert article.body_html == "<p>Good days tempt us to do everything at once.</p>\n<h2>What pacing means</h2>\n" \
                                "<p>Stop before you are tired, not after.</p>"
    assert article.last_comment_number == 2
    with pytest.raises(CommandError, match="already exists"):
        call_command("import_page", str(path))
    assert Article.objects.count() == 1 and article.comments.count() == 2


def test_a_missing_or_malformed_file_is_a_clear_command_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_page", str(tmp_path / "missing.txt"))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not text")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_page", str(bad))


@pytest.mark.skipif(not SEED.exists(), reason="the shared seeds folder is not beside this checkout")
def test_the_seed_page_renders_its_eight_comments_with_numbers_names_and_times(db, client):
    call_command("import_page", str(SEED))
    article = Article.objects.get()
    assert article.title == "Neurotransmitter Glutamate Tied to Fibromyalgia Pain"
    html = client.get(article.get_absolute_url()).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    found = re.findall(r"(\w+ \d+, \d{4} at \d+:\d\d [ap]m) \((\d+)\) (.+?) says:", text)
    assert found == [
        ("March 19, 2008 at 6:48 pm", "1", "Deborah"),
        ("March 22, 2008 at 5:14 pm", "2", "VaBreeze"),
        ("April 14, 2009 at 3:52 pm", "3", "Heather"),
        ("April 14, 2009 at 4:09 pm", "4", "chronicfatigue"),
        ("January 8, 2010 at 3:46 pm", "5", "Nancy"),
        ("August 30, 2010 at 5:21 pm", "6", "Jen"),
        ("October 6, 2010 at 12:02 am", "7", "Dean Goedde"),
        ("April 15, 2011 at 12:24 pm", "8", "Julie"),
    ]
    assert "avoid dietary glutamate at all costs" in text
    assert "By Adrienne Dellwo" in text and "March 18, 2008" in text


SECOND_SEED = SEED.with_name("001_dff02fdbd3d1d62d.txt")

ADVERT_PAGE = """\
Sleep and Pain Explained

- By

Sleep and pain feed each other, as several studies have found.

What is sleep architecture?

The stages of sleep repeat through the night in cycles of about ninety minutes.

pillow picture
Memory foam pillow for pain

Best memory foam pillow for fibro sufferers, soft and firm. Click Here to Get this

The Risks: Sleeping Pills

Some sleeping pills lose their effect within weeks.

Research Reference:

  \u2022 Example B. Sleep in chronic pain. Sleep Journal 3(1). DOI: 10.1000/sleep.42

Leave Your Comment
"""


def test_a_page_without_breadcrumbs_byline_or_date_needs_a_topic_and_says_unknown(db, tmp_path, client, category):
    path = tmp_path / "page.txt"
    path.write_text(ADVERT_PAGE, encoding="utf-8")
    with pytest.raises(CommandError, match="no breadcrumbs to name its topic; give one with --topic"):
        call_command("import_page", str(path))
    assert not Article.objects.exists() and category.parent.children.count() == 1  # no "Imported" topic
    dated = Article.objects.create(title="Dated", slug="dated", category=category, byline="B", body="<p>x</p>",
                                   body_html="<p>x</p>", published_at=datetime(2001, 1, 1, tzinfo=dt_timezone.utc))
    call_command("import_page", str(path), "--topic", category.slug)
    article = Article.objects.get(slug="sleep-and-pain-explained")
    assert article.category == category and article.byline == "unknown" and not article.date_known
    # Headings by one rule (questions too), adverts and their captions gone, the DOI written once.
    assert article.body_html == (
        "<p>Sleep and pain feed each other, as several studies have found.</p>\n"
        "<h2>What is sleep architecture?</h2>\n"
        "<p>The stages of sleep repeat through the night in cycles of about ninety minutes.</p>\n"
        "<h2>The Risks: Sleeping Pills</h2>\n"
        "<p>Some sleeping pills lose their effect within weeks.</p>")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "By <span class=\"byline__author\">unknown</span> ·\n        date unknown" in page
    assert page.count("10.1000/sleep.42") == 2  # the link's address and its text, once as a reference
    assert "Sleep Journal 3(1)." in page and "DOI: 10.1000/sleep.42</a>" in page
    home = client.get("/").content.decode()
    assert home.index(dated.title) < home.index(article.title)  # an unknown date never comes first


def test_breadcrumbs_find_existing_topics_and_create_missing_ones_under_the_right_parent(db, tmp_path):
    health = Category.objects.create(name="Health", slug="health")
    path = tmp_path / "page.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    call_command("import_page", str(path))
    article = Article.objects.get()
    assert article.category.name == "Fatigue" and article.category.parent == health
    assert Category.objects.filter(name="Health").count() == 1


@pytest.mark.skipif(not SECOND_SEED.exists(), reason="the shared seeds folder is not beside this checkout")
def test_the_second_seed_page_imports_without_adverts_with_its_headings_and_one_reference(db, client, category):
    call_command("import_page", str(SECOND_SEED), "--topic", category.slug)
    article = Article.objects.get()
    assert article.title.startswith("Regulation of Pain in Fibromyalgia")
    for advert in ("Click Here", "BUMPER STICKER", "T-Shirt", "fibromyalgia shirt", "disability sticker"):
        assert advert not in article.body_html, advert
    headings = re.findall(r"<h2>(.*?)</h2>", article.body_html)
    assert headings == ["What are SSRIs &amp; SNRIs?", "Abnormalities in serotonin and norepinephrine",
                        "What Is Reuptake?", "The Risks: Serotonin Syndrome", "Neurotransmitter dysregulation",
                        "The Risks: Suicide"]
    reference = article.references.get()
    assert reference.doi == "10.4172/2329-9096.1000144" and "10.4172" not in reference.citation
    assert article.byline == "unknown" and not article.date_known
