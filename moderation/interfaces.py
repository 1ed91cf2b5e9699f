"""What moderation needs from a post, without knowing which app defines it.

A case points at its post through contenttypes. The app that defines a kind of post
registers an adapter for its model (forum registers one for Comment in its AppConfig),
as django_comments registers a moderator class; moderation reads and changes posts only
through `adapter_for(post)`, so `moderation` never imports the apps above it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model
from django.utils.html import escape

APPROVE = "approve"
LABEL = "label"
EDIT = "edit"
REJECT = "reject"


@dataclass(frozen=True)
class PostContext:
    """Where a post stands, for the queue, the case page and the author's e-mail."""

    place_key: str  # groups posts by where they appear, e.g. "article:12"
    place_title: str
    place_url: str
    url: str  # the post in place
    label: str  # e.g. "Comment (7)"
    parent_text: str = ""
    parent_url: str = ""
    author_name: str = ""  # for a post without an account (imported): the name it was written under


@dataclass(frozen=True)
class EarlierText:
    text: str
    written_at: datetime


@dataclass(frozen=True)
class Decision:
    """A moderator's decision as the post applies it."""

    action: str  # approve, label, edit or reject
    notice: str  # what the author is told, on the post and by e-mail
    note: str = ""  # shown under a labelled post
    source_url: str = ""  # a reliable source, shown under a labelled post
    text: str = ""  # the moderator's edit
    screening: dict | None = None  # the verdict on the edited text
    labelled: bool = False  # an edit published with the label (an appeal reversed, the label kept)


@dataclass(frozen=True)
class PostListing:
    """One post in the list of a member's posts on their moderation page."""

    label: str  # e.g. "Comment (7)"
    place_title: str
    url: str
    state: str  # as moderators read it: "Published", "Published with the label", "Held", ...
    written_at: datetime
    excerpt: str


class ModerationAdapter:
    """How moderation reads and changes one kind of post. Every method but `render` takes
    the post; the writes run inside the caller's transaction, with the post locked."""

    def text(self, post) -> str:
        """What screening read, and what the case shows (a discussion's title included)."""
        raise NotImplementedError

    def editable_text(self, post) -> str:
        """What a moderator's edit replaces."""
        raise NotImplementedError

    def context(self, post) -> PostContext:
        raise NotImplementedError

    def history(self, post) -> list[EarlierText]:
        raise NotImplementedError

    def state(self, post) -> dict:
        """The post's visible state, kept before and after each action in the audit log."""
        raise NotImplementedError

    def is_visible(self, post) -> bool:
        raise NotImplementedError

    def hide(self, post) -> None:
        """Hide the post from readers until a decision (enough members reported it)."""
        raise NotImplementedError

    def apply(self, post, decision: Decision) -> None:
        """Change the post as decided and store it."""
        raise NotImplementedError

    def tell_author(self, post, notice: str) -> None:
        """Show the author a note from the moderators on the post, changing nothing else."""
        raise NotImplementedError

    def render(self, text: str) -> str:
        """A source text as this kind of post stores it for readers (screening reads that)."""
        raise NotImplementedError

    def posts_by(self, member):
        """A queryset of the member's posts, newest first, for paging."""
        raise NotImplementedError

    def listing(self, post) -> PostListing:
        """A post of posts_by's, as the member's moderation page lists it."""
        raise NotImplementedError


class NotRegistered(LookupError):
    pass


_adapters: dict[type[Model], ModerationAdapter] = {}


def register(model: type[Model], adapter: ModerationAdapter) -> None:
    """Moderate `model`'s posts through `adapter`; the first model registered also renders
    the texts screened outside any post (drafts, moderators' edits, training rows)."""
    if model in _adapters and type(_adapters[model]) is not type(adapter):
        raise ValueError(f"{model.__name__} is already moderated by {type(_adapters[model]).__name__}.")
    _adapters[model] = adapter


def adapter_for(post: Model | type[Model]) -> ModerationAdapter:
    model = post if isinstance(post, type) else type(post)
    try:
        return _adapters[model._meta.concrete_model]
    except KeyError:
        raise NotRegistered(f"No moderation adapter is registered for {model.__name__}.") from None


def adapters() -> list[ModerationAdapter]:
    """Every kind of post's adapter, in the order they were registered."""
    return list(_adapters.values())


def render(text: str) -> str:
    """A text written as members write posts, stored as the first registered kind of post
    stores it; escaped, when no kind of post is registered."""
    for adapter in _adapters.values():
        return adapter.render(text)
    return escape(text)
