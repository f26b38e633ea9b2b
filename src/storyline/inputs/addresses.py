"""The one check before any fetch: the URL's host must resolve to public addresses only.

A feed's links (and a web form's URL) can point anywhere, including the machine storyline runs
on or its private network (a router's admin page, a cloud metadata service). Every fetch, and
every redirect hop of it, first resolves the host with getaddrinfo and refuses loopback,
private, link-local, reserved, multicast and unspecified addresses, IPv4 and IPv6 (IPv4 inside
IPv6 too), unless `Config.allow_private_addresses` is set.

The address is checked, then connected to by the HTTP client, which resolves the name again:
a DNS server answering differently the second time (DNS rebinding) is not caught here.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from ..config import Config
from ..errors import AddressRefused, FetchFailed

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# NAT64's well-known prefix carries an IPv4 address in its last 32 bits (RFC 6052).
NAT64 = ipaddress.ip_network("64:ff9b::/96")
FLAG = "--allow-private-fetch"


def refuse_private_address(url: str, config: Config) -> None:
    """Raise `AddressRefused` when `url`'s host is (or resolves to) a non-public address."""
    host, port = host_and_port(url)
    if config.allow_private_addresses:
        return
    for address in resolve(host, port, url):
        reason = non_public_kind(address)
        if reason:
            shown = host if _same_address(host, address) else f"{host} ({address})"
            raise AddressRefused(f"{url}: refused to fetch {shown}, a {reason} address; "
                                 f"pass {FLAG} to allow it")


def host_and_port(url: str) -> tuple[str, int]:
    """The host and port `url` names; `FetchFailed` when it names none (a malformed URL is a
    failed fetch, allowed private addresses or not)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as error:  # "http://[::1": an unclosed bracket; a port past 65535
        reason = str(error)
        kind = "port" if "port" in reason.lower() else "URL"
        raise FetchFailed(f"{url}: not a valid {kind} ({reason})") from error
    if not host:
        raise FetchFailed(f"{url}: no host in the URL")
    return host, port


def resolve(host: str, port: int, url: str) -> list[IPAddress]:
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise FetchFailed(f"{url}: could not resolve {host} ({reason})") from error
    addresses = []
    for family, *_, sockaddr in answers:
        if family in (socket.AF_INET, socket.AF_INET6):
            # an IPv6 link-local answer carries its zone ("fe80::1%eth0")
            addresses.append(ipaddress.ip_address(str(sockaddr[0]).split("%")[0]))
    if not addresses:
        raise FetchFailed(f"{url}: could not resolve {host} (no IP address)")
    return addresses


def non_public_kind(address: IPAddress) -> str | None:
    """What makes `address` non-public ("loopback", "private"...), None for a public one."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (
            ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in NAT64 else None)
        if embedded is not None:
            return non_public_kind(embedded)
    for kind in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    if not address.is_global:  # shared (carrier-grade NAT), documentation, benchmarking ranges
        return "non-public"
    return None


def _same_address(host: str, address: IPAddress) -> bool:
    try:
        return ipaddress.ip_address(host) == address
    except ValueError:
        return False
