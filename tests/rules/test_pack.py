"""Pack manifests: a rule names only what its own pack defines, and a broken pack never loads."""

from __future__ import annotations

from datetime import date

import pytest

from clearance.domain.errors import RulePackError

from .test_loader import PACK, REQUIREMENT, _load

EXCEPTION = """\
id: t.nac
kind: licence_exception
title: NAC
jurisdiction: US
effective_from: 2023-11-17
provenance: official
citation: "15 CFR 740.8"
code: NAC
when: {always: true}
"""


def test_a_group_the_pack_does_not_define_is_refused_naming_file_and_field() -> None:
    # The case: a rule naming a group of its own invention, which used to never fire.
    with pytest.raises(RulePackError, match=r"unknown country group\(s\) \['EU:watch'\]") as err:
        _load(req=REQUIREMENT.replace('groups: ["D:5"]', 'groups: ["EU:watch"]'))
    assert (err.value.source, err.value.field) == ("t/req.yaml", "when")


def test_an_authority_the_pack_does_not_define_is_refused() -> None:
    with pytest.raises(RulePackError, match="authority 'MOFCOM' is not defined") as err:
        _load(req=REQUIREMENT.replace("authority: BIS", "authority: MOFCOM"))
    assert (err.value.source, err.value.field) == ("t/req.yaml", "authority")


def test_an_exception_label_the_pack_does_not_define_is_refused() -> None:
    with pytest.raises(RulePackError, match="licence exception 'ACA' is not defined") as err:
        _load(req=REQUIREMENT, nac=EXCEPTION.replace("code: NAC", "code: ACA"))
    assert (err.value.source, err.value.field) == ("t/nac.yaml", "code")


def test_a_rule_of_another_jurisdiction_in_the_pack_is_refused() -> None:
    with pytest.raises(RulePackError, match="not the jurisdiction of its pack") as err:
        _load(req=REQUIREMENT.replace("jurisdiction: US", "jurisdiction: NL"))
    assert err.value.field == "jurisdiction"


def test_a_rule_outside_any_pack_folder_is_refused() -> None:
    from clearance.rules.loader import load_ruleset

    from .test_loader import MESSAGES

    with pytest.raises(RulePackError, match="belongs in a pack folder"):
        load_ruleset({"messages.yaml": MESSAGES, "t/pack.yaml": PACK, "req.yaml": REQUIREMENT})


def test_duplicate_keys_in_a_pack_file_are_one_clear_error() -> None:
    with pytest.raises(RulePackError, match="duplicate key 'authority'") as err:
        _load(req=REQUIREMENT.replace("authority: BIS\n", "authority: BIS\nauthority: BIS\n"))
    assert err.value.source is not None
    assert err.value.source.startswith("t/req.yaml, line ")
    with pytest.raises(RulePackError, match="duplicate key 'title'"):
        _load(PACK + "title: again\n")


def test_dated_membership_applies_on_its_dates_and_states_its_assumption() -> None:
    pack = PACK.replace(
        '{"D:5": ["CN"]}',
        '{"D:5": [CN, {country: AE, effective_to: 2026-07-23, provenance: unverified, '
        'assumption: "until the 2026 text"}]}',
    )
    groups = _load(pack).packs["US"].country_groups
    before, after = groups.on(date(2025, 1, 1)), groups.on(date(2026, 7, 23))
    assert "D:5" in before.of("AE")
    assert "D:5" not in after.of("AE")
    assert before.assumptions("AE", frozenset({"D:5"})) == ["AE in D:5: until the 2026 text"]
    assert after.assumptions("AE", frozenset({"D:5"})) == ["AE in D:5: until the 2026 text"]


def test_an_unverified_member_must_state_its_assumption() -> None:
    pack = PACK.replace(
        '{"D:5": ["CN"]}',
        '{"D:5": [{country: AE, effective_to: 2026-07-23, provenance: unverified}]}',
    )
    with pytest.raises(RulePackError, match="must state its assumption") as err:
        _load(pack)
    assert err.value.field is not None
    assert err.value.field.startswith("country_groups.groups.D:5")


def test_overlapping_member_dates_are_refused() -> None:
    pack = PACK.replace('{"D:5": ["CN"]}', '{"D:5": [CN, {country: CN, effective_to: 2026-01-01}]}')
    with pytest.raises(RulePackError, match="CN is listed twice"):
        _load(pack)


def test_a_message_key_or_placeholder_the_engine_does_not_know_is_refused() -> None:
    with pytest.raises(RulePackError, match="unknown message key") as err:
        _load(PACK + "messages: {greeting: hello}\n")
    assert err.value.field == "messages.greeting"
    with pytest.raises(RulePackError, match=r"placeholder\(s\) \['colour'\]"):
        _load(PACK + 'messages: {exception_applies: "{colour}"}\n')


def test_a_notification_authority_must_be_the_packs() -> None:
    with pytest.raises(RulePackError, match="not one of this pack's authorities") as err:
        _load(PACK.replace("notify: BIS", "notify: DDTC"))
    assert err.value.field == "licence_exceptions.NAC.notify"


def test_classification_of_an_unknown_pack_is_refused() -> None:
    with pytest.raises(RulePackError, match=r"classification\.of 'XX'") as err:
        _load(PACK + "classification: {of: XX}\n")
    assert err.value.field == "classification.of"


def test_a_list_claimed_by_two_packs_is_refused() -> None:
    from clearance.rules.loader import load_ruleset

    from .test_loader import MESSAGES

    other = PACK.replace("jurisdiction: US", "jurisdiction: GB").replace("BIS", "ECJU")
    files = {
        "messages.yaml": MESSAGES,
        "t/pack.yaml": PACK + "screening_lists: [EL]\n",
        "u/pack.yaml": other + "screening_lists: [EL]\n",
    }
    with pytest.raises(RulePackError, match="list 'EL' is also claimed by pack") as err:
        load_ruleset(files)
    assert err.value.field == "screening_lists"
