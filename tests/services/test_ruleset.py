"""A candidate rule directory sent as its files: the same rules as read from disk, errors
naming the file and the field, no file name outside the directory."""

from __future__ import annotations

import pytest

from clearance.domain.errors import RulePackError
from clearance.rules.pack_loader import MESSAGES
from clearance.services.ruleset import bundled_rule_files, bundled_ruleset, ruleset_from_files


def test_the_bundled_files_make_the_bundled_ruleset() -> None:
    files = bundled_rule_files()
    assert ruleset_from_files(files).content_hash == bundled_ruleset().content_hash
    del files[MESSAGES]  # the bundled messages stand in
    assert ruleset_from_files(files).content_hash == bundled_ruleset().content_hash


@pytest.mark.parametrize(
    "name", ["../us/pack.yaml", "/etc/pack.yaml", "us/../../x.yaml", "us/pack.txt", "us//p.yaml"]
)
def test_a_file_name_outside_the_directory_is_refused(name: str) -> None:
    with pytest.raises(RulePackError) as caught:
        ruleset_from_files({name: "a: 1"})
    assert caught.value.field == f"files.{name}"


def test_an_error_names_the_file_and_the_field() -> None:
    files = bundled_rule_files(("us/pack.yaml", "us/country-groups.yaml"))
    files["us/pack.yaml"] = files["us/pack.yaml"].replace("country_groups:", "country_grops:")
    with pytest.raises(RulePackError) as caught:
        ruleset_from_files(files)
    assert str(caught.value.field).startswith("files.us/pack.yaml")
