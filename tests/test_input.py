"""Bad input anywhere is a clear 4xx and changes nothing: numbers, encodings, sizes."""

import pytest
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils.http import urlencode
from pytest_django.asserts import assertContains

from core.params import numbers, optional_number, whole_number
from forum.models import Comment
from moderation.models import Case
from tests.moderation.helpers import post

NOT_NUMBERS = ["²", "١", "-1", "+1", "1.0", "1e3", " 1", "0x10", "9223372036854775808", "9" * 400]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_only_ascii_digits_within_the_database_range_are_whole_numbers(value):
    with pytest.raises(BadRequest):
        whole_number(value, name="page")


def test_whole_numbers_parse_and_absent_values_take_the_default(rf):
    request = rf.get("/", {"page": "0012", "cases": ["3", "9223372036854775807"]})
    assert optional_number(request.GET, "page") == 12
    assert optional_number(request.GET, "replyto", default=4) == 4
    assert numbers(request.GET, "cases") == [3, 9223372036854775807]


@pytest.fixture
def places(article, member):
    return {
        "search": reverse("forum:search") + "?q=glutamate&page=",
        "topic board": article.category.get_absolute_url() + "?page=",
        "profile": reverse("forum:member", args=[member.pk]) + "?page=",
        "reply form": article.get_absolute_url() + "?replyto=",
    }


@pytest.mark.parametrize("value", ["²", "9223372036854775808", "-3"])
def test_a_bad_number_in_any_address_is_a_400_page(client, places, value):
    for name, address in places.items():
        response = client.get(address + value)
        assert response.status_code == 400, name
        assertContains(response, "could not be read", status_code=400)
    # A number past the last page is still a page, the last one.
    assert client.get(places["search"] + "99999").status_code == 200


@pytest.mark.parametrize("value", ["²", "9223372036854775808"])
def test_moderators_pages_refuse_bad_numbers(moderator_client, article, value):
    case = Case.objects.get(object_id=post(article).pk)
    for address in (reverse("moderation:queue") + "?page=", reverse("moderation:audit") + "?page=",
                    reverse("moderation:audit") + "?actor="):
        assert moderator_client.get(address + value).status_code == 400, address
    response = moderator_client.post(reverse("moderation:bulk"), {"cases": [str(case.pk), value], "action": "approve"})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.state == Case.State.OPEN


def test_a_form_that_is_not_utf8_is_refused_and_nothing_is_stored(member_client, article):
    body = b"text=Magnesium+helps+%FF%FE+sleep"
    response = member_client.generic("POST", article.get_comments_url(), body,
                                     content_type="application/x-www-form-urlencoded")
    assertContains(response, "not valid UTF-8", status_code=400)
    assert not Comment.objects.exists()
    # The same bytes, raw rather than escaped, and in a multipart form.
    response = member_client.generic("POST", article.get_comments_url(), b"text=caf\xe9",
                                     content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    boundary = "XyZ"
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n".encode()
                 + b"caf\xe9 au lait\r\n" + f"--{boundary}--\r\n".encode())
    response = member_client.generic("POST", article.get_comments_url(), multipart,
                                     content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 400
    assert member_client.get("/search/?q=%FF").status_code == 400
    assert not Comment.objects.exists()


def test_utf8_text_of_every_script_is_taken(member_client, article):
    text = "Magnesium and sleep: café, Schlaf, сон, 睡眠, نوم 😴"
    response = member_client.post(article.get_comments_url(), urlencode({"text": text}),
                                  content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert Comment.objects.get().body == text


def test_a_body_over_the_limit_is_a_413_multipart_included(member_client, article, settings):
    settings.REQUEST_MAX_BODY_BYTES = 50_000
    big = "word " * 20_000
    for response in (
        member_client.post(article.get_comments_url(), {"text": big}),  # multipart, the test client's default
        member_client.post(article.get_comments_url(), urlencode({"text": big}),
                           content_type="application/x-www-form-urlencoded"),
    ):
        assertContains(response, "too much to send at once", status_code=413)
    assert not Comment.objects.exists()
    assert member_client.post(article.get_comments_url(), {"text": "A short remark."}).status_code == 302
