"""Country names as the lists write them, to ISO-2."""

from __future__ import annotations

import pytest

from clearance.lists.country_name import countries_of, country_code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("China", "CN"),
        ("CN", "CN"),
        ("Hong Kong", "HK"),
        ("China, Hong Kong Special Administrative Region", "HK"),
        ("Korea, North", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Iran (Islamic Republic of)", "IR"),
        ("RUSSIAN FEDERATION", "RU"),
        ("Türkiye", "TR"),
        ("TURKIYE", "TR"),
        ("UK", "GB"),
        ("Man, Isle of", "IM"),
        ("Region: Crimea", "UA"),
        ("Cote d Ivoire", "CI"),
        ("Burma", "MM"),
    ],
)
def test_known_names(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("name", ["undetermined", "Region: Kafia Kingi", "75159", "", "cn"])
def test_unknown_names_map_to_nothing(name: str) -> None:
    assert country_code(name) is None


def test_countries_of_keeps_order_and_drops_repeats() -> None:
    assert countries_of(["China", "Hong Kong", "CN", "Atlantis"]) == ("CN", "HK")
