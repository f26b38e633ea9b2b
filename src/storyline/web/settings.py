"""What a server is told: one frozen `Settings`, and which hosts count as this machine."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from ..config import Config

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8800
# Request bodies (a pasted article, an uploaded page, feed or archive) larger than this get 413.
MAX_BODY_BYTES = 20_000_000
TOKEN_COOKIE = "storyline_token"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


@dataclass(frozen=True)
class Settings:
    """A server over one store. `token` guards every write (and, off loopback, every read)."""

    db: str
    token: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    allow_private_fetch: bool = False
    max_body_bytes: int = MAX_BODY_BYTES
    config: Config = field(default_factory=Config)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def fetch_config(self) -> Config:
        """The run options for `/add`: the store's config, with the private-address rule."""
        return self.config.with_(allow_private_addresses=self.allow_private_fetch
                                 or self.config.allow_private_addresses)


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this machine only (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
