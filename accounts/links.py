"""Links the apps above accounts add to a member's profile page, registered in their
AppConfig.ready(), so accounts never names their pages."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class ProfileLink:
    label: str
    url_name: str
    note: str = ""  # printed after the link
    position: int = 0  # lower comes first


_links: list[ProfileLink] = []


def add_profile_link(link: ProfileLink) -> None:
    if link not in _links:
        _links.append(link)


def profile_links() -> list[dict]:
    return [{"label": link.label, "url": reverse(link.url_name), "note": link.note}
            for link in sorted(_links, key=lambda link: link.position)]
