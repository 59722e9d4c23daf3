"""The SSRF guard: a webhook may only reach the public internet.

A URL's host is resolved and refused if ANY of its addresses is loopback, private, link-local,
multicast, reserved, unspecified or otherwise not globally routable (IPv4 and IPv6, an IPv4 address
inside IPv6 too: `::ffff:127.0.0.1`, 6to4, Teredo). It runs when a webhook is saved (a 422) and again
before every delivery; the delivery then connects to the very address checked, so a name that
resolves elsewhere a second later (DNS rebinding) cannot redirect it. `allow_private` turns the
guard off for local development and tests.
"""

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

RESOLVE_TIMEOUT_SECONDS = 3.0

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(Exception):
    """The URL may not be called; the message is a sentence for the user."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # the name (or literal) as written, without brackets
    port: int
    address: str  # the checked address to connect to


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address.teredo is not None:
            return address.teredo[1]
    return None


def is_internal(address: IPAddress) -> bool:
    """True when the address is not one of the public internet's."""
    embedded = _embedded_ipv4(address)
    if embedded is not None and is_internal(embedded):
        return True
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def split(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http or https URL; RefusedAddress for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RefusedAddress("The URL is not a valid web address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise RefusedAddress("A webhook URL must start with http:// or https://.")
    host = parts.hostname
    if not host:
        raise RefusedAddress("The URL has no host name.")
    if parts.username is not None or parts.password is not None:
        raise RefusedAddress("A webhook URL cannot hold a user name or password.")
    return scheme, host, port or (443 if scheme == "https" else 80)


async def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        return [literal]
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout=RESOLVE_TIMEOUT_SECONDS
        )
    except (OSError, TimeoutError, UnicodeError):
        raise RefusedAddress(f"The host {host} could not be found: check the URL.") from None
    addresses = []
    for _family, _type, _proto, _name, sockaddr in infos:
        text = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone
        addresses.append(ipaddress.ip_address(text))
    if not addresses:
        raise RefusedAddress(f"The host {host} could not be found: check the URL.")
    return addresses


async def check(url: str, *, allow_private: bool) -> Target:
    """Where to connect for `url`, after the guard; RefusedAddress with a sentence otherwise."""
    scheme, host, port = split(url)
    addresses = await _resolve(host, port)
    if not allow_private:
        for address in addresses:
            if is_internal(address):
                raise RefusedAddress(
                    f"The address {host} leads to a private or internal network ({address}); "
                    "a webhook must be reachable on the public internet."
                )
    return Target(scheme=scheme, host=host, port=port, address=str(addresses[0]))
