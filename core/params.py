"""Whole numbers from query strings and forms, parsed one way for every app.

Only ASCII digits within the range of the database's BIGINT are accepted; anything
else ("²", "-1", "1e3", an overflowing id) is the client's mistake and answered 400,
instead of reaching int() or the database. Here, at the bottom of the dependency
direction, so forum, moderation and config all use it.
"""

from django.core.exceptions import BadRequest

LARGEST = 2**63 - 1


def whole_number(value: str, *, name: str) -> int:
    if not (value.isascii() and value.isdigit()) or int(value) > LARGEST:
        raise BadRequest(f"“{name}” must be a whole number.")
    return int(value)


def optional_number(data, name: str, default: int | None = None) -> int | None:
    """The named value of a QueryDict as a whole number; absent or empty gives the default."""
    value = data.get(name, "")
    return default if value == "" else whole_number(value, name=name)


def numbers(data, name: str) -> list[int]:
    """Every value given under the name (a form's checkboxes), each a whole number."""
    return [whole_number(value, name=name) for value in data.getlist(name)]
