"""Version 1 of the forum's API, on django-ninja: public reads of articles, threads and search,
and screening for other comment systems, with a staff token or as a Coral moderation phase.

The schema is served at /api/v1/openapi.json and kept in docs/api/openapi-v1.json, which the
tests compare with the served one, so a change to the API is a change to that file as well.
Views stay thin: api/reading.py reads through the same queries and services as the pages.
"""

from django.http import Http404
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer

from api import coral, reading, screening, tokens
from api.models import Token
from api.schemas import (ArticleDetail, ArticlePage, CommentPage, CoralModerationRequest, CoralModerationResponse,
                         Refusal, ScreenRequest, ScreenVerdict, SearchPage)
from core import ratelimits
from core.refusals import Refused

# Like the search box: a longer query is cut, not refused.
MAX_QUERY = 200
REFUSALS = {400: Refusal, 404: Refusal}


api = NinjaAPI(
    title="Health forum API", version="1", urls_namespace="api-v1", docs_url=None,
    description="Public reads of articles, their threads of numbered comments with the unverified-claim "
                "labels readers see, and search: every answer is what a reader without an account sees. "
                "Health-claim screening for other comment systems: with a staff token, or as a Coral "
                "external moderation phase.",
)


@api.exception_handler(Refused)
def refused(request, refusal: Refused):
    return api.create_response(request, {"detail": refusal.message}, status=refusal.status)


@api.exception_handler(Http404)
def not_found(request, error: Http404):
    return api.create_response(request, {"detail": str(error) or "Not found."}, status=404)


@api.exception_handler(ValidationError)
def bad_input(request, error: ValidationError):
    # As the pages answer a malformed page number or parameter: 400, saying which.
    fields = sorted({".".join(str(part) for part in entry.get("loc", ())[1:]) for entry in error.errors})
    return api.create_response(request, {"detail": f"Not a valid value: {', '.join(fields)}."}, status=400)


class StaffToken(HttpBearer):
    """Authorization: Bearer <a staff token of this scope> (made in the admin, api.models.Token)."""

    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token: str):
        return tokens.authenticate(token, self.scope)


@api.exception_handler(AuthenticationError)
def unauthorised(request, error: AuthenticationError):
    answer = api.create_response(request, {"detail": "This needs a staff token with its scope: "
                                                     "Authorization: Bearer <token>."}, status=401)
    answer["WWW-Authenticate"] = "Bearer"
    return answer


def read(path: str, **options):
    """A GET operation that answers HEAD as well, as the pages do; HEAD stays out of the schema,
    where it would repeat GET's operation id."""
    def register(view):
        api.api_operation(["HEAD"], path, include_in_schema=False, response=options["response"])(view)
        return api.get(path, **options)(view)
    return register


def _absolute(request):
    return request.build_absolute_uri


@read("/articles", response={200: ArticlePage, **REFUSALS}, url_name="articles", tags=["articles"])
def articles(request, page: int = 1):
    """Articles and discussions readers can open, newest first, 20 to a page."""
    return reading.article_list(page, _absolute(request))


@read("/articles/{slug}", response={200: ArticleDetail, **REFUSALS}, url_name="article", tags=["articles"])
def article(request, slug: str):
    """An article or discussion: its sanitised body and how many pages its thread has."""
    return reading.article_detail(slug, _absolute(request))


@read("/articles/{slug}/comments", response={200: CommentPage, **REFUSALS}, url_name="comments",
         tags=["articles"])
def comments(request, slug: str, page: int = 1):
    """A page of the thread as the forum's page shows it: at most FORUM_COMMENTS_PER_PAGE comments in
    thread order, whole threads where they fit, with their numbers, labels and placeholders."""
    return reading.comment_page(slug, page, _absolute(request))


@read("/search", response={200: SearchPage, 429: Refusal, **REFUSALS}, url_name="search", tags=["search"])
def search(request, q: str = "", page: int = 1):
    """Search as the search page does: every word required, best first, 20 to a page; limited per
    address like the page (429 past FORUM_RATE_LIMITS["search"])."""
    return reading.search(q[:MAX_QUERY], page, f"ip:{ratelimits.client_address(request)}", _absolute(request))


@api.post("/screen", response={200: ScreenVerdict, 401: Refusal, 429: Refusal, 400: Refusal},
          auth=StaffToken(Token.Scope.SCREEN), url_name="screen", tags=["screening"])
def screen(request, body: ScreenRequest):
    """Screen a comment written on another system, as posting screens one here: the action posting
    would take, the claim score, the categories, the spans with their reasons, and the model version.
    Nothing is stored. Needs a staff token with the "screen" scope; at most FORUM_RATE_LIMITS["screen"]
    texts per token."""
    return screening.screen(body.text, token=request.auth)


@api.post("/coral/{phase}/moderate", response={200: CoralModerationResponse, 204: None, 400: Refusal, 401: Refusal,
                                               429: Refusal}, url_name="coral", tags=["screening"])
def coral_moderate(request, phase: int, body: CoralModerationRequest):
    """A Coral external moderation phase: Coral's signed ExternalModerationRequest in, its
    ExternalModerationResponse out (PREMOD for what this forum would hold, or label if the phase
    is set so; REJECTED with a spam flag for spam), or 204 for no decision. Nothing is stored."""
    found = coral.phase_for(phase, request.body, request.headers.get("X-Coral-Signature", ""))
    answer = coral.moderate(found, body.comment.body)
    return Status(204, None) if answer is None else answer
