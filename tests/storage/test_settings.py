from __future__ import annotations

import pytest

from conftest import make_env
from storage.errors import ConfigError
from storage.settings import Settings


def test_valid_env(redis_url: str) -> None:
    s = Settings.from_env(make_env(redis_url, CONVERSATION_TTL_SECONDS="7200"))
    assert s.conversation_ttl == 7200
    assert s.data_keys.current_kid == "k1"
    s.require_web_secrets()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"ROADSIDE_DATA_KEYS": ""}, "ROADSIDE_DATA_KEYS"),
        ({"ROADSIDE_TOKEN_KEY": ""}, "ROADSIDE_TOKEN_KEY"),
        ({"ROADSIDE_TOKEN_KEY": "c2hvcnQ="}, "at least 32"),
        ({"CONVERSATION_TTL_SECONDS": "soon"}, "whole number"),
    ],
)
def test_missing_or_weak_secrets_refused(redis_url: str, change: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(make_env(redis_url, **change))


def test_web_refuses_weak_twilio_token(redis_url: str) -> None:
    s = Settings.from_env(make_env(redis_url, TWILIO_AUTH_TOKEN="short"))
    with pytest.raises(ConfigError, match="TWILIO_AUTH_TOKEN"):
        s.require_web_secrets()


def test_console_and_rate_limit_settings_are_read_with_the_rest(redis_url: str) -> None:
    s = Settings.from_env(make_env(redis_url, CONSOLE_CLAIM_IDLE_SECONDS="60", CONSOLE_POLL_SECONDS="soon",
                                   CONSOLE_SESSION_MAX_SECONDS="0", CONSOLE_TRUSTED_PROXIES="2",
                                   CONSOLE_LOGIN_LIMIT_GLOBAL="50 per 5 minutes", ROADSIDE_INSECURE_COOKIES="1",
                                   ROADSIDE_TURNS_PER_MINUTE="7", ROADSIDE_DISPATCH_PER_DAY="2"))
    assert s.console.claim_idle_seconds == 60
    assert s.console.poll_seconds == 3 and s.console.session_max_seconds == 12 * 3600  # unusable values: defaults
    assert s.console.trusted_proxies == 2 and s.console.insecure_cookies
    assert s.console.login_limit_global == "50 per 5 minutes" and s.console.login_limit_per_address == ""
    assert (s.limits.turns_per_minute, s.limits.dispatch_per_day, s.limits.turns_per_hour) == (7, 2, 120)




def test_the_cost_answer_per_language_then_for_all_then_the_default(redis_url: str) -> None:
    assert Settings.from_env(make_env(redis_url)).cost_answer("ru") is None
    for_all = Settings.from_env(make_env(redis_url, ROADSIDE_COST_POLICY="Free for members."))
    assert for_all.cost_answer("vi") == "Free for members."
    per_language = Settings.from_env(make_env(redis_url, ROADSIDE_COST_POLICY="Free for members.",
                                              ROADSIDE_COST_POLICY_VI="Miễn phí cho hội viên."))
    assert (per_language.cost_answer("vi"), per_language.cost_answer("en")) == ("Miễn phí cho hội viên.",
                                                                               "Free for members.")
