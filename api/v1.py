"""Version 1 of the forum's API, on django-ninja: public reads of articles, threads and search;
members' writing through their session or a personal token (api/writing.py); the review queue
with a moderator's token (api/moderating.py); and screening for other comment systems, with a
staff token or as a Coral moderation phase.

The schema is served at /api/v1/openapi.json and kept in docs/api/openapi-v1.json, which the
tests compare with the served one, so a change to the API is a change to that file as well.
Views stay thin: api/reading.py reads through the same queries and services as the pages.
"""

from django.http import Http404
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from api import coral, embed, moderating, reading, screening, sso, tokens, writing
from api.models import Token
from api.schemas import (AppealDecided, AppealDecisionRequest, ArticleDetail, ArticlePage, CaseDetail, CommentPage,
                         CoralModerationRequest, CoralModerationResponse, DecisionRequest, DraftRequest, DraftVerdict,
                         EditRequest, FrameSignIn, FrameSignInRequest, NoteFirst, QueueCase, QueuePage, Refusal,
                         Reported, ReportRequest, ScreenRequest, ScreenVerdict, SearchPage, WriteRequest,
                         Written)
from core import ratelimits
from core.refusals import Refused

# Like the search box: a longer query is cut, not refused.
MAX_QUERY = 200
REFUSALS = {400: Refusal, 404: Refusal}


api = NinjaAPI(
    title="Health forum API", version="1", urls_namespace="api-v1", docs_url=None,
    description="Public reads of articles, their threads of numbered comments with the unverified-claim "
                "labels readers see, and search: every answer is what a reader without an account sees. "
                "Members' posting, replying, editing and deleting, with the note before posting, through "
                "their signed-in session as the forms do, or a personal token made on their tokens page. "
                "The review queue, cases and decisions, with a "
                "moderator's staff token. "
                "Health-claim screening for other comment systems: with a staff token, or as a Coral "
                "external moderation phase.",
)


@api.exception_handler(Refused)
def refused(request, refusal: Refused):
    return api.create_response(request, {"detail": refusal.message}, status=refusal.status)


@api.exception_handler(writing.NoteFirst)
def note_first(request, refusal: writing.NoteFirst):
    return api.create_response(request, {"detail": refusal.message, "note": refusal.note}, status=409)


@api.exception_handler(Http404)
def not_found(request, error: Http404):
    return api.create_response(request, {"detail": str(error) or "Not found."}, status=404)


@api.exception_handler(ValidationError)
def bad_input(request, error: ValidationError):
    # As the pages answer a malformed page number or parameter: 400, saying which.
    def field(loc) -> str:
        # ("query", "page") names page; ("body", "body", "text") names the body's text.
        return ".".join(str(part) for part in (loc[2:] if loc[:1] == ("body",) else loc[1:])) or "the body"
    fields = sorted({field(tuple(entry.get("loc", ()))) for entry in error.errors})
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


class Member(SessionAuth):
    """A signed-in member's session, with Django's CSRF check (the X-CSRFToken header) as the forms have."""

    def _get_key(self, request):
        # Without a session there is nothing to forge: the answer is to sign in, not a CSRF failure.
        if self.param_name not in request.COOKIES:
            return None
        try:
            return super()._get_key(request)
        except HttpError:
            raise Refused("This request did not carry the page's CSRF token: send the csrftoken cookie's value "
                          "as the X-CSRFToken header.", status=403) from None

    def authenticate(self, request, key):
        if request.user.is_authenticated:
            return request.user
        raise Refused("Sign in to leave a comment.", status=401)


class MemberToken(HttpBearer):
    """Authorization: Bearer <a member's own token> (made on their tokens page), or the token of a
    thread's frame on a publisher's page (api/embed.py): writes as its member. No CSRF check is
    needed, as a browser never adds this header to another site's request."""

    def authenticate(self, request, token: str):
        if token.startswith(embed.FRAME_TOKEN):
            member = embed.member_of(token)
        else:
            found = tokens.authenticate(token, Token.Scope.MEMBER)
            member = found.owner if found else None
        if member is None:
            # A token that was sent and failed is refused, never passed over for the browser's session.
            raise Refused("This token is not a member's active token: it may have expired or been revoked. "
                          "Sign in again, or make a new one on your tokens page.", status=401)
        return member


# A member's token when one is sent, else their session.
MEMBER = [MemberToken(), Member()]
WRITE_REFUSALS = {400: Refusal, 401: Refusal, 403: Refusal, 404: Refusal, 429: Refusal}


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


@api.post("/articles/{slug}/comments", response={201: Written, 409: NoteFirst, **WRITE_REFUSALS}, auth=MEMBER,
          url_name="post", tags=["writing"])
def post_comment(request, slug: str, body: WriteRequest):
    """Post a comment, or a reply to the comment numbered `parent`, as the comment form does: the
    same screening, limits and refusals. A text that gets the note before posting is not posted
    unless `confirmed`: the answer is 409 with the note. A held comment is seen by its author alone."""
    comment = writing.post(request.auth, slug, text=body.text, parent=body.parent, confirmed=body.confirmed,
                           submission=body.submission, quote_of=body.quote_of, quote=body.quote)
    return Status(201, writing.written(comment, _absolute(request)))


@api.patch("/articles/{slug}/comments/{number}", response={200: Written, 409: NoteFirst, **WRITE_REFUSALS},
           auth=MEMBER, url_name="edit", tags=["writing"])
def edit_comment(request, slug: str, number: int, body: EditRequest):
    """Replace the text of one's own comment within the edit window, screened again; a held comment stays held."""
    comment = writing.edit(request.auth, slug, number, text=body.text, confirmed=body.confirmed)
    return writing.written(comment, _absolute(request))


@api.delete("/articles/{slug}/comments/{number}", response={204: None, **WRITE_REFUSALS}, auth=MEMBER,
            url_name="delete", tags=["writing"])
def delete_comment(request, slug: str, number: int):
    """Delete one's own comment: its number stays taken and its replies stay in place."""
    writing.delete(request.auth, slug, number)
    return Status(204, None)


@api.post("/articles/{slug}/comments/{number}/report", response={201: Reported, **WRITE_REFUSALS}, auth=MEMBER,
          url_name="report", tags=["writing"])
def report_comment(request, slug: str, number: int, body: ReportRequest):
    """Report a comment to the moderators, as its Report link does: once per member, never one's own,
    limited as the form is; enough reports hide it until a moderator decides."""
    comment = writing.report(request.auth, slug, number, reason=body.reason, note=body.note)
    return Status(201, {"detail": f"Thank you. Moderators will review comment ({comment.number})."})


@api.post("/drafts/check", response={200: DraftVerdict, **WRITE_REFUSALS}, auth=MEMBER, url_name="check",
          tags=["writing"])
def check_draft(request, body: DraftRequest):
    """The note posting this text would bring (None when there is nothing to say), and whether it
    cites a source, as the forms ask while the member writes. Nothing is stored."""
    return writing.check(request.auth, text=body.text, title=body.title, form=body.form)


@api.post("/embed/sign-in", response={200: FrameSignIn, 400: Refusal, 401: Refusal, 403: Refusal, 409: Refusal},
          url_name="embed_sign_in", tags=["writing"])
def embed_sign_in(request, body: FrameSignInRequest):
    """Sign a publisher's reader in to the thread's frame on its page with the JWT the publisher
    signed for them (HS256 or RS256, with expiry, audience, a unique jti and Coral's `user`
    object), as set in FORUM_EMBED_SSO: the answer is a frame token for the writing operations.
    The reader is a verified member from their first sign-in; a replayed, expired or forged token is 401."""
    member = sso.sign_in(body.origin.rstrip("/").lower(), body.token)
    return {"token": embed.frame_token(member), "name": member.display_name}


@api.get("/queue", response={200: QueuePage, 401: Refusal, **REFUSALS}, auth=StaffToken(Token.Scope.MODERATE),
         url_name="queue", tags=["moderation"])
def queue(request, page: int = 1, state: str = "open"):
    """The review queue as the queue page shows it: open cases, crisis first, then by claim score,
    reports and age, MODERATION_QUEUE_PAGE_SIZE to a page, with the waiting appeals; or decided ones
    (state: decided, approved, labelled, edited, rejected, withdrawn, all), newest first. Needs a
    "moderate" token of a moderator."""
    return moderating.queue(page, state, _absolute(request))


@api.get("/cases/{case_id}", response={200: CaseDetail, 401: Refusal, **REFUSALS},
         auth=StaffToken(Token.Scope.MODERATE), url_name="case", tags=["moderation"])
def case(request, case_id: int):
    """A case as its page shows moderators: the post as screened, the spans and reasons, its flags and reports."""
    return moderating.case(case_id, _absolute(request))


@api.post("/cases/{case_id}/decision", response={200: QueueCase, 401: Refusal, 409: Refusal, **REFUSALS},
          auth=StaffToken(Token.Scope.MODERATE), url_name="decide", tags=["moderation"])
def decide(request, case_id: int, body: DecisionRequest):
    """Decide an open case as the case page does, as the token's moderator: approve, label (with a
    note and source shown under the post), edit (with the text) or reject (with the reason the
    author is told). Audited, the author told; 409 when another moderator decided it first."""
    return moderating.decide(case_id, request.auth.owner, body.dict(), _absolute(request))


@api.post("/appeals/{appeal_id}/decision", response={200: AppealDecided, 401: Refusal, 403: Refusal, 409: Refusal,
                                                     **REFUSALS}, auth=StaffToken(Token.Scope.MODERATE),
          url_name="decide_appeal", tags=["moderation"])
def decide_appeal(request, appeal_id: int, body: AppealDecisionRequest):
    """Decide a waiting appeal as its page does, as the token's moderator, who may not be the one
    who made the decision appealed (403): uphold (with a note), or reverse, publishing the post
    as written, with the label, or with an edit, or lifting the suspension. The member is told."""
    return moderating.decide_appeal(appeal_id, request.auth.owner, outcome=body.outcome, note=body.note,
                                    text=body.text, unlabelled=body.unlabelled)


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
