"""The comment thread's tags; the markup is written in forum.rendering."""

from django import template
from django.utils.safestring import mark_safe

from forum import threads
from forum.rendering import Renderer

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_thread(context):
    """The page's thread for its viewer: the shared one with their own parts (forum.threads),
    or laid out for them alone (a ThreadEntry list, forum.queries.lay_out)."""
    if context.get("shared") is not None:
        return mark_safe(threads.compose(context["shared"], context))
    thread = context.get("thread")
    return mark_safe("".join(Renderer(context).pieces(thread)[0])) if thread else ""


@register.simple_tag(takes_context=True)
def comment_card(context, comment, placeholder=False):
    """One comment on its own: a discussion's opening post."""
    return mark_safe(Renderer(context).comment(comment, placeholder))
