"""Recognised sources: links to research and health authorities count as citations, not as spam links."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from forum.models import Comment
from moderation import services
from moderation.models import Case, RecognisedSource
from moderation.screening.sources import Source, link_citation, recognise
from tests.moderation.helpers import post

SOURCES = [Source("pubmed.ncbi.nlm.nih.gov", "PubMed"), Source("ncbi.nlm.nih.gov", "NCBI"),
           Source("nih.gov", "NIH"), Source("doi.org", "DOI"), Source("nhs.uk", "NHS")]


@pytest.mark.parametrize("href, name", [
    ("https://pubmed.ncbi.nlm.nih.gov/12345678/", "PubMed"),
    ("http://www.nhs.uk/conditions/fibromyalgia/", "NHS"),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123/", "NCBI"),
    ("https://NIH.GOV./health", "NIH"),
])
def test_a_link_to_a_recognised_site_or_its_subdomain_is_recognised(href, name):
    assert recognise(href, SOURCES).name == name


@pytest.mark.parametrize("href", [
    "https://pubmed.evil.example/12345678",
    "https://nih.gov.evil.example/health",
    "https://evilnih.gov/x",
    "https://pubmed.ncbi.nlm.nih.gov@evil.example/123",
    "https://xn--nhs-xxa.uk/conditions",
    "https://xn--pubmed-9ta.ncbi.nlm.nih.gov/1",
    "https://nhs.uk.evil.example/",
    "javascript:alert(1)//nhs.uk",
    "ftp://nhs.uk/file",
    "https://[::1/",
])
def test_lookalike_and_subdomain_tricks_are_not_recognised(href):
    assert recognise(href, SOURCES) is None


def test_cited_links_read_as_a_moderator_would_say_them():
    assert link_citation("https://pubmed.ncbi.nlm.nih.gov/12345678/", SOURCES[0]) == "PubMed 12345678"
    assert link_citation("https://doi.org/10.1000/xyz.2", SOURCES[3]) == "doi:10.1000/xyz.2"
    assert link_citation("https://www.nhs.uk/conditions/fibromyalgia/", SOURCES[4]) == \
        "NHS (nhs.uk/conditions/fibromyalgia)"


CITED_REPLY = ("Exercise modestly helps fibromyalgia pain, see https://pubmed.ncbi.nlm.nih.gov/12345678/ "
               "and the Cochrane review https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD012700/full")


def test_a_reply_citing_pubmed_and_cochrane_is_not_held_for_links_and_the_case_says_what_it_cites(article):
    comment = post(article, text=CITED_REPLY)
    verdict = comment.verdict
    assert "links" not in verdict.categories and comment.status == Comment.Status.PUBLISHED
    assert verdict.citations[:2] == ("PubMed 12345678", "Cochrane Library (cochranelibrary.com/cdsr/doi/10.1002/"
                                                        "14651858.CD012700/full)")
    assert "cites a source" in verdict.mitigations


def test_links_to_lookalikes_still_count_toward_the_hold(article):
    comment = post(article, text="See https://pubmed.evil.example/1 and https://nih.gov.evil.example/2 please.")
    assert comment.is_held and "links" in comment.verdict.categories and comment.verdict.citations == ()


def test_the_case_page_lists_what_a_post_cites(article, moderator_client):
    comment = post(article, text="Stop taking your statins, https://pubmed.ncbi.nlm.nih.gov/87654321/ says so.")
    response = moderator_client.get(Case.objects.get(object_id=comment.pk).get_absolute_url())
    assertContains(response, "Cites: PubMed 87654321")


def test_editing_the_list_in_the_admin_takes_effect_at_once(admin_client, article, django_capture_on_commit_callbacks):
    assert services.recognised_sources()  # the defaults, now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:moderation_recognisedsource_add"),
                                     {"domain": "EXAMPLE-HEALTH.org", "name": "Example Health"})
    assert response.status_code == 302
    assert Source("example-health.org", "Example Health") in services.recognised_sources()
    comment = post(article, text="See https://a.example-health.org/1 and https://example-health.org/2 for it.")
    assert "links" not in comment.verdict.categories


@pytest.mark.parametrize("domain", ["https://nhs.uk", "nhs.uk/conditions", "xn--nhs-xxa.uk", "localhost"])
def test_the_admin_refuses_a_domain_that_is_not_one(admin_client, domain):
    response = admin_client.post(reverse("admin:moderation_recognisedsource_add"), {"domain": domain, "name": "X"})
    assert response.status_code == 200 and not RecognisedSource.objects.filter(name="X").exists()
