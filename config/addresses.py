"""Whether a client's address is in a list of addresses and networks (settings such as
FORWARDED_ALLOW_IPS and METRICS_ALLOWED_IPS)."""

import ipaddress
from functools import lru_cache


@lru_cache(maxsize=256)
def address_allowed(address: str, allowed: tuple[str, ...]) -> bool:
    """True if address is in one of the allowed addresses or networks ("*": any)."""
    if "*" in allowed:
        return True
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(peer in ipaddress.ip_network(entry.strip(), strict=False) for entry in allowed if entry.strip())
