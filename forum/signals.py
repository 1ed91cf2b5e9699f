"""What the forum's models announce, for the modules that act on it (mail, in forum.notifications)."""

from django.dispatch import Signal

# A comment has just become visible to readers, inside the transaction that made it so.
comment_announced = Signal()  # comment=
