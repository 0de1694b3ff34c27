"""A client for AnkiConnect (the Anki add-on 2055492159), API version 6, on this computer only.

Terms:
    address: AnkiConnect's URL, default ``http://127.0.0.1:8765``. Only loopback addresses
        (127.0.0.0/8, ``localhost``, ``[::1]``) are accepted: nothing jpstudy holds leaves the machine.
    API key: AnkiConnect's optional ``apiKey`` setting; sent with every request when set.
    action: one request ``{"action", "version": 6, "params", "key"}``; the answer is
        ``{"result", "error"}``. ``multi`` runs several actions in one request.
Every call has a short time-out; every failure becomes an ``AnkiConnectError`` whose message says
what to do (start Anki, install the add-on, check the key).
"""

from __future__ import annotations

import ipaddress
import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

DEFAULT_URL = "http://127.0.0.1:8765"
API_VERSION = 6
ADDON_CODE = "2055492159"
TIMEOUT_SECONDS = 3.0
LONG_TIMEOUT_SECONDS = 30.0
MAX_ANSWER_BYTES = 256 << 20


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Requests go straight to this computer, never through a proxy from the environment."""


class AnkiConnectError(Exception):
    """AnkiConnect could not be reached or refused a request; the message says what to do."""


def check_url(url: str) -> str:
    """``url`` stripped, if it is an ``http://`` address on this computer.

    Raises:
        AnkiConnectError: another scheme or a host that is not loopback.
    """
    url = url.strip().rstrip("/") or DEFAULT_URL
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise AnkiConnectError(f"{url!r} is not an AnkiConnect address; it looks like {DEFAULT_URL}.")
    host = parts.hostname
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise AnkiConnectError(f"AnkiConnect must run on this computer (127.0.0.1 or localhost), not {host}: "
                               "jpstudy sends nothing to other machines.")
    return url


class AnkiConnect:
    """AnkiConnect at ``url`` with an optional API ``key``."""

    def __init__(self, url: str = DEFAULT_URL, key: str | None = None, timeout: float = TIMEOUT_SECONDS) -> None:
        self.url = check_url(url)
        self.key = key or None
        self.timeout = timeout

    def invoke(self, action: str, timeout: float | None = None, **params: Any) -> Any:
        """Run one action and return its result."""
        body: dict[str, Any] = {"action": action, "version": API_VERSION, "params": params}
        if self.key:
            body["key"] = self.key
        request = urllib.request.Request(self.url, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with _OPENER.open(request, timeout=timeout or self.timeout) as response:
                raw = response.read(MAX_ANSWER_BYTES)
        except urllib.error.HTTPError as exc:
            raise AnkiConnectError(f"Something at {self.url} answered HTTP {exc.code}, not AnkiConnect. Check the "
                                   "address in Settings.") from exc
        except (urllib.error.URLError, OSError) as exc:
            if isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError):
                raise AnkiConnectError(f"Anki did not answer at {self.url} within {timeout or self.timeout:g} s. "
                                       "If Anki shows a dialog, close it and try again.") from exc
            raise AnkiConnectError(
                f"No Anki is answering at {self.url}. Start Anki; if it is running, install the AnkiConnect "
                f"add-on (Tools ▸ Add-ons ▸ Get Add-ons, code {ADDON_CODE}) and restart Anki.") from exc
        try:
            answer = json.loads(raw)
            error, result = answer["error"], answer["result"]
        except (ValueError, KeyError, TypeError) as exc:
            raise AnkiConnectError(f"Something at {self.url} answered, but not as AnkiConnect does. Check the "
                                   "address in Settings.") from exc
        if error:
            raise AnkiConnectError(_explain(str(error), self.url))
        return result

    def multi(self, actions: list[tuple[str, dict[str, Any]]], timeout: float | None = None) -> list[Any]:
        """Run several actions in one request; each failure raises as ``invoke`` would."""
        if not actions:
            return []
        calls = [{"action": a, "params": p} for a, p in actions]
        results = self.invoke("multi", timeout=timeout or LONG_TIMEOUT_SECONDS, actions=calls)
        out = []
        for item in results:
            if isinstance(item, dict) and set(item) == {"result", "error"}:
                if item["error"]:
                    raise AnkiConnectError(_explain(str(item["error"]), self.url))
                out.append(item["result"])
            else:
                out.append(item)
        return out

    def version(self) -> int:
        """AnkiConnect's API version (checks that it is reachable and accepts the key)."""
        version = int(self.invoke("version"))
        if version < API_VERSION:
            raise AnkiConnectError(f"AnkiConnect at {self.url} speaks API version {version}; jpstudy needs "
                                   f"{API_VERSION}. Update the add-on in Anki (Tools ▸ Add-ons ▸ Check for Updates).")
        return version


def _explain(error: str, url: str) -> str:
    if "api key" in error.lower():
        return (f"AnkiConnect at {url} refused the API key. Enter the key set in Anki (Tools ▸ Add-ons ▸ "
                "AnkiConnect ▸ Config, \"apiKey\") in jpstudy's Settings.")
    return f"AnkiConnect: {error}"
