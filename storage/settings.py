"""Settings read once from the environment (and a local ``.env``)."""

from __future__ import annotations

import base64
import binascii
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from facts.languages import SUPPORTED
from storage.config_values import int_setting
from storage.crypto import KeyRing
from storage.errors import ConfigError
from storage.rate_limits import RateLimits

__all__ = ["ConsoleSettings", "Settings", "int_setting", "load_dotenv_file"]

DEFAULT_TTL = 86400
MIN_SECRET_CHARS = 16


@dataclass(frozen=True)
class ConsoleSettings:
    """The agent console's timings, login limits and cookie policy (CONSOLE_*)."""

    claim_idle_seconds: int = 15 * 60
    session_idle_seconds: int = 30 * 60
    session_max_seconds: int = 12 * 3600
    poll_seconds: int = 3
    # How long an item may wait before its queue row turns amber, then red (console.triage.WaitTargets).
    wait_urgent_amber_seconds: int = 5 * 60
    wait_urgent_red_seconds: int = 10 * 60
    wait_normal_amber_seconds: int = 15 * 60
    wait_normal_red_seconds: int = 30 * 60
    trusted_proxies: int = 0
    # "" keeps the console's own default (console/throttle.py); otherwise a limits string, "5 per 15 minutes".
    login_limit_per_address: str = ""
    login_limit_global: str = ""
    insecure_cookies: bool = False  # ROADSIDE_INSECURE_COOKIES=1: plain-http development only

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ConsoleSettings:
        """Read leniently, as the console always has: a missing, zero or non-numeric value keeps the default."""
        proxies = env.get("CONSOLE_TRUSTED_PROXIES", "").strip()
        return cls(
            claim_idle_seconds=_positive(env, "CONSOLE_CLAIM_IDLE_SECONDS", cls.claim_idle_seconds),
            session_idle_seconds=_positive(env, "CONSOLE_SESSION_IDLE_SECONDS", cls.session_idle_seconds),
            session_max_seconds=_positive(env, "CONSOLE_SESSION_MAX_SECONDS", cls.session_max_seconds),
            poll_seconds=_positive(env, "CONSOLE_POLL_SECONDS", cls.poll_seconds),
            wait_urgent_amber_seconds=_positive(env, "CONSOLE_WAIT_URGENT_AMBER_SECONDS",
                                              cls.wait_urgent_amber_seconds),
            wait_urgent_red_seconds=_positive(env, "CONSOLE_WAIT_URGENT_RED_SECONDS", cls.wait_urgent_red_seconds),
            wait_normal_amber_seconds=_positive(env, "CONSOLE_WAIT_NORMAL_AMBER_SECONDS",
                                              cls.wait_normal_amber_seconds),
            wait_normal_red_seconds=_positive(env, "CONSOLE_WAIT_NORMAL_RED_SECONDS", cls.wait_normal_red_seconds),
            trusted_proxies=int(proxies) if proxies.isdigit() else 0,
            login_limit_per_address=env.get("CONSOLE_LOGIN_LIMIT_PER_ADDRESS", "").strip(),
            login_limit_global=env.get("CONSOLE_LOGIN_LIMIT_GLOBAL", "").strip(),
            insecure_cookies=env.get("ROADSIDE_INSECURE_COOKIES", "") == "1",
        )


@dataclass(frozen=True)
class Settings:
    """Everything configurable, validated. Built once per process."""

    data_keys: KeyRing
    token_key: bytes
    redis_url: str = "redis://127.0.0.1:6379/0"
    rasa_url: str = "http://127.0.0.1:5005"
    # Every Rasa server the gateway spreads conversations over (RASA_URLS); ``rasa_url`` alone when unset.
    rasa_urls: tuple[str, ...] = ()
    action_server_url: str = "http://127.0.0.1:5055"
    twilio_auth_token: str = ""
    twilio_account_sid: str = ""
    twilio_from_number: str = ""
    twilio_api_base: str = ""
    public_base_url: str = ""
    conversation_ttl: int = DEFAULT_TTL
    retention_days: int = 30
    service_name: str = "Roadside Assist"
    privacy_url: str = "https://example.com/privacy"
    agent_phone: str = ""
    secret_key: str = ""
    rasa_timeout: float = 8.0
    # Said when a driver asks what it costs or whether insurance covers it: the operator's wording
    # (ROADSIDE_COST_POLICY), per language where given (ROADSIDE_COST_POLICY_VI, _ID, _RU, _EN); empty
    # means the catalog's default answer (catalog/*.yml policy.cost) in the customer's language.
    cost_policy: str = ""
    cost_policy_by_language: Mapping[str, str] = field(default_factory=dict)
    # An escalation nobody has claimed for this long gets one honest update to the customer.
    escalation_wait_seconds: int = 300
    limits: RateLimits = field(default_factory=RateLimits)
    console: ConsoleSettings = field(default_factory=ConsoleSettings)

    def __post_init__(self) -> None:
        # One key doing two jobs would let whoever learns the token key read
        # every record, and the other way round: refuse to start.
        for kid, key in self.data_keys.keys:
            if hmac.compare_digest(self.token_key, key):
                raise ConfigError(f"ROADSIDE_TOKEN_KEY must differ from every data key, but it equals data key "
                                  f"{kid!r} in ROADSIDE_DATA_KEYS; generate a separate token key")
        if not self.rasa_urls:
            object.__setattr__(self, "rasa_urls", (self.rasa_url,))

    def cost_answer(self, language: str) -> str | None:
        """The operator's cost wording for ``language`` (its own, else the one for all); None for the default."""
        return self.cost_policy_by_language.get(language) or self.cost_policy or None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read and validate settings; raise ConfigError naming what is wrong."""
        if env is None:
            load_dotenv_file()
            env = os.environ
        data_spec = env.get("ROADSIDE_DATA_KEYS", "").strip()
        if not data_spec:
            raise ConfigError("ROADSIDE_DATA_KEYS is not set (kid:base64key,… newest first)")
        token_key = _decode_secret("ROADSIDE_TOKEN_KEY", env.get("ROADSIDE_TOKEN_KEY", ""))
        return cls(
            data_keys=KeyRing.parse(data_spec),
            token_key=token_key,
            redis_url=env.get("REDIS_URL") or cls.redis_url,
            rasa_url=(env.get("RASA_URL") or cls.rasa_url).rstrip("/"),
            rasa_urls=rasa_urls(env.get("RASA_URLS", "")),
            action_server_url=(env.get("ACTION_SERVER_URL") or cls.action_server_url).rstrip("/"),
            twilio_auth_token=env.get("TWILIO_AUTH_TOKEN", ""),
            twilio_account_sid=env.get("TWILIO_ACCOUNT_SID", ""),
            twilio_from_number=env.get("TWILIO_FROM_NUMBER", ""),
            twilio_api_base=env.get("TWILIO_API_BASE", "").rstrip("/"),
            public_base_url=env.get("PUBLIC_BASE_URL", "").rstrip("/"),
            conversation_ttl=int_setting(env, "CONVERSATION_TTL_SECONDS", DEFAULT_TTL, minimum=60),
            retention_days=int_setting(env, "REQUEST_RETENTION_DAYS", 30, minimum=1),
            service_name=env.get("ROADSIDE_SERVICE_NAME") or cls.service_name,
            privacy_url=env.get("ROADSIDE_PRIVACY_URL") or cls.privacy_url,
            agent_phone=env.get("ROADSIDE_AGENT_PHONE", ""),
            secret_key=env.get("ROADSIDE_SECRET_KEY", ""),
            rasa_timeout=float(env.get("RASA_TIMEOUT_SECONDS") or cls.rasa_timeout),
            cost_policy=env.get("ROADSIDE_COST_POLICY", ""),
            cost_policy_by_language={lang: env[f"ROADSIDE_COST_POLICY_{lang.upper()}"] for lang in SUPPORTED
                                     if env.get(f"ROADSIDE_COST_POLICY_{lang.upper()}")},
            escalation_wait_seconds=int_setting(env, "ESCALATION_WAIT_SECONDS", 300, minimum=30),
            limits=RateLimits.from_env(env),
            console=ConsoleSettings.from_env(env),
        )

    def require_web_secrets(self) -> None:
        """The web app refuses to start without real Twilio and session secrets."""
        if len(self.twilio_auth_token) < MIN_SECRET_CHARS:
            raise ConfigError("TWILIO_AUTH_TOKEN is missing or too short")
        if len(self.secret_key) < 32:
            raise ConfigError("ROADSIDE_SECRET_KEY is missing or shorter than 32 characters")


def rasa_urls(spec: str) -> tuple[str, ...]:
    """``RASA_URLS``: comma-separated base URLs of the Rasa servers, each once, in the order given."""
    urls: list[str] = []
    for part in spec.split(","):
        url = part.strip().rstrip("/")
        if url and url not in urls:
            if "://" not in url:
                raise ConfigError(f"RASA_URLS: {url!r} is not a URL (http://host:port)")
            urls.append(url)
    return tuple(urls)


def _decode_secret(name: str, value: str) -> bytes:
    value = value.strip()
    if not value:
        raise ConfigError(f"{name} is not set")
    try:
        raw = base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_")
    except (binascii.Error, ValueError) as exc:
        raise ConfigError(f"{name} is not valid base64") from exc
    if len(raw) < 32 or len(set(raw)) < 8:
        raise ConfigError(f"{name} must be at least 32 random bytes (base64)")
    return raw


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def load_dotenv_file(path: str | Path = ".env") -> None:
    """Read a local ``.env`` into the environment without overriding it."""
    from dotenv import load_dotenv

    load_dotenv(path, override=False)
