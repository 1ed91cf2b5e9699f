"""Why a post was held or labelled, in plain words, for its author and for moderators alike.

Pure: it reads the categories screening raised and the review reasons (a new
member's first post, reports), and returns sentences a person can act on.
"""

from dataclasses import dataclass

from moderation.screening.claim_rules import DOSAGE, MEDICATION
from moderation.screening.verdict import CATEGORY_NAMES, CLAIM_CATEGORIES, CRISIS, LINKS, SPAM, WATCHED

# The review reasons of the trust rules and of reports (moderation.models.Case.Reason has these values).
NEW_MEMBER = "new_member"
NEW_MEMBER_WAITING = "new_member_waiting"
REPORT = "report"
WHAT_HELPS = ("If it is a claim, add a source (a link to the research or to a health authority such as the NHS "
              "or PubMed), or say that it is your own experience.")


@dataclass(frozen=True)
class Outcome:
    """What became of a post and why, in the words its author is shown."""

    held: bool
    labelled: bool
    crisis: bool
    reasons: tuple[str, ...]


def explain(*, categories, review_reasons=(), held: bool, labelled: bool, hold_link_count: int) -> Outcome:
    """The reasons behind a post's state, most pressing first.

    categories are screening's (verdict.categories or a case's), review_reasons
    the trust rules' and reports' ("new_member", "report"); hold_link_count is how many
    links hold a post (MODERATION_HOLD_LINK_COUNT).
    """
    categories, review_reasons = set(categories), set(review_reasons)
    reasons = []
    if CRISIS in categories:
        reasons.append("It speaks of self-harm or suicide. You are not alone: the resources above can help now, "
                       "and a moderator will read your post.")
    if categories & {MEDICATION, DOSAGE}:
        reasons.append("It tells readers to change a medication or a dose. Such posts always wait for a moderator, "
                       "whoever writes them, because acting on them can do harm before anyone checks.")
    claims = sorted(CATEGORY_NAMES[c].lower() for c in categories & CLAIM_CATEGORIES - {MEDICATION, DOSAGE})
    if claims:
        reasons.append(f"It reads as a health claim that has not been checked ({', '.join(claims)}). {WHAT_HELPS}")
    elif categories & {MEDICATION, DOSAGE}:
        reasons.append(WHAT_HELPS)
    if LINKS in categories:
        reasons.append(f"It has {hold_link_count} or more links, which can be spam. Links to research and health "
                       "authorities do not count.")
    if SPAM in categories:
        reasons.append("It has wording or a link that looks like a shop or affiliate offer.")
    if WATCHED in categories:
        reasons.append("It contains a phrase the moderators have asked to look at before it is shown.")
    if NEW_MEMBER in review_reasons:
        reasons.append("It is your first post here: a moderator reads every new member's first post before it "
                       "appears.")
    if NEW_MEMBER_WAITING in review_reasons:
        reasons.append("Your first post here is still waiting for a moderator; until one of your posts is "
                       "approved, new ones wait too.")
    if REPORT in review_reasons:
        reasons.append("Members reported it, so it is hidden until a moderator has looked at it.")
    return Outcome(held=held, labelled=labelled, crisis=CRISIS in categories, reasons=tuple(reasons))
