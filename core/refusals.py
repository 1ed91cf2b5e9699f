"""The refusal every service raises: what was not done, in words a person can read, and the
status a page (or an API call) answers with."""

from dataclasses import dataclass


@dataclass
class Refused(Exception):
    """An action that was not taken, with the reason a person can read and the status a page answers with."""

    message: str
    status: int = 400

    def __str__(self):
        return self.message
