"""The number a caller should dial in an emergency, by the country of their phone."""

from __future__ import annotations

import phonenumbers

__all__ = ["DEFAULT_EMERGENCY_NUMBER", "emergency_number", "emergency_number_for_phone"]

# 112 reaches emergency services from any GSM mobile in most of the world, so it
# is the safest answer when the country is unknown.
DEFAULT_EMERGENCY_NUMBER = "112"

# One number per region: the general emergency number, or where services are
# split, the one for ambulance and fire (what an injured or burning driver needs).
_BY_REGION: dict[str, str] = {
    # United States and its territories, Canada, and others that use 911.
    **dict.fromkeys(
        ["US", "CA", "PR", "VI", "GU", "AS", "MP", "MX", "BS", "KY", "BM", "DO", "PH", "AR", "CR", "PA", "SV", "HN",
         "EC", "UY", "PY", "VE", "SA", "JO"],
        "911",
    ),
    # European Union / EEA and neighbours on the single European number.
    **dict.fromkeys(
        ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
         "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "AD", "MC", "SM", "VA", "GI",
         "FO", "GL", "AX", "RE", "GP", "MQ", "GF", "YT", "TR", "UA", "RU", "MD", "ME", "MK", "BA", "XK", "GE", "AM",
         "AZ", "KZ", "IN", "ZA", "ID", "NG"],
        "112",
    ),
    **dict.fromkeys(["GB", "IM", "JE", "GG", "HK", "MO", "MY", "AE", "QA", "BH", "BD", "KE"], "999"),
    "AU": "000", "NZ": "111", "SG": "995", "JP": "119", "KR": "119", "TW": "119", "CN": "120", "BR": "192",
    "CL": "131", "CO": "123", "IL": "101", "EG": "123", "TH": "1669", "VN": "115", "JM": "110",
}


def emergency_number(region_code: str | None) -> str:
    """Emergency number for an ISO 3166 region code ("US" -> "911", "GB" -> "999"); "112" when unknown."""
    if not region_code:
        return DEFAULT_EMERGENCY_NUMBER
    return _BY_REGION.get(region_code.strip().upper(), DEFAULT_EMERGENCY_NUMBER)


def emergency_number_for_phone(e164: str) -> str:
    """Emergency number for the country of an E.164 phone number ("+15085550142" -> "911")."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return DEFAULT_EMERGENCY_NUMBER
    region = phonenumbers.region_code_for_number(number)
    if region is None and number.country_code is not None:
        # A number outside the library's known ranges still tells us its country code.
        region = phonenumbers.region_code_for_country_code(number.country_code)
    return emergency_number(region)
