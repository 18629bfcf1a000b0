"""The assemblies' use cases over fake units of work: registration, withdrawal, selection and replies,
the selection worker, erasure on request, and tenancy."""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from peel.common.contracts.assemblies import MemberReplied, MembersReplaced, RegistrantErased, RegistrantWithdrew
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.scheduling.assemblies.domain.assembly_meetings import AccessNeed
from peel.scheduling.assemblies.domain.assembly_selection import RunKind, SelectionRequest
from peel.scheduling.assemblies.domain.registration import RegistrantStatus
from peel.scheduling.assemblies.service_layer import assemblies, assembly_selection, assembly_work
from tests.support.scheduling_recruitment import (
    ASSEMBLY,
    KEYS,
    Clock,
    recruited,
    register,
    run,
    selected,
    set_up,
    volunteer,
)
from tests.unit.scheduling_fakes.assemblies import fake_assembly_work


async def test_registration_turns_away_bots_strangers_and_repeats():
    uow, clock, rng = fake_assembly_work(), Clock(), random.Random(1)
    assembly, codes = await set_up(uow, clock, households=3)
    person = volunteer(1, codes[0], rng)
    with pytest.raises(InvalidInput) as too_fast:
        await assemblies.register(uow, assembly.id, replace(person, form_token=KEYS.issue(clock())), KEYS, clock)
    assert too_fast.value.errors[0].code == "too_fast"
    with pytest.raises(InvalidInput) as honeypot:
        await register(uow, clock, assembly.id, replace(person, honeypot="http://offers.example"))
    assert honeypot.value.errors[0].location == ("website",)
    with pytest.raises(InvalidInput) as stranger:
        await register(uow, clock, assembly.id, replace(person, invitation_code="ZZZZZZZZ"))
    assert stranger.value.errors[0].location == ("invitation_code",)
    with pytest.raises(InvalidInput) as odd:
        await register(uow, clock, assembly.id, replace(person, features={"sex": "robot"}))
    assert {e.location for e in odd.value.errors} == {("features", "Sex"), ("features", "Age")}
    await register(uow, clock, assembly.id, person)
    with pytest.raises(Conflict):
        await register(uow, clock, assembly.id, person)
    clock.wait(60 * 60 * 24 * 40)
    with pytest.raises(Conflict):
        await register(uow, clock, assembly.id, volunteer(2, codes[1], rng))
    assert len(uow.registrants.rows) == 1


async def test_a_registrant_withdraws_only_with_their_own_token():
    uow, clock = fake_assembly_work(), Clock()
    assembly, people = await recruited(uow, clock, count=3)
    leaving, other = people[0], people[1]
    with pytest.raises(NotFound):
        await assemblies.withdraw(uow, assembly.id, leaving.registrant.id, other.token, KEYS, clock)
    await assemblies.withdraw(uow, assembly.id, leaving.registrant.id, leaving.token, KEYS, clock)
    assert uow.registrants.rows[leaving.registrant.id].status is RegistrantStatus.WITHDRAWN
    assert [e.registrant_id for e in uow.events(RegistrantWithdrew)] == [leaving.registrant.id]


async def test_a_second_selection_is_refused_while_one_is_under_way_and_once_members_are_drawn():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await recruited(uow, clock)
    request = SelectionRequest(RunKind.SELECTION, "leximin", 7)
    await assembly_selection.request_run(uow, "cheshire", assembly.id, request, clock)
    with pytest.raises(Conflict, match="already under way"):
        await assembly_selection.request_run(uow, "cheshire", assembly.id, replace(request, seed=8), clock)
    assert await assembly_selection.run_next(lambda: uow, clock)
    with pytest.raises(Conflict, match="already selected"):
        await assembly_selection.request_run(uow, "cheshire", assembly.id, request, clock)


async def test_a_selected_member_replies_once_with_their_own_token_and_others_cannot():
    uow, clock = fake_assembly_work(), Clock()
    assembly, people = await selected(uow, clock)
    tokens = {p.registrant.id: p.token for p in people}
    chosen = assembly.selected[0]
    passed_over = next(r for r in tokens if r not in assembly.selected)
    assert await assemblies.reply(uow, assembly.id, chosen, tokens[chosen], True, KEYS, clock) == "confirmed"
    with pytest.raises(Conflict):
        await assemblies.reply(uow, assembly.id, chosen, tokens[chosen], False, KEYS, clock)
    with pytest.raises(Conflict):
        await assemblies.reply(uow, assembly.id, passed_over, tokens[passed_over], True, KEYS, clock)
    with pytest.raises(NotFound):
        await assemblies.reply(uow, assembly.id, chosen, tokens[passed_over], True, KEYS, clock)
    assert uow.registrants.rows[chosen].reply == "confirmed"
    assert [(e.registrant_id, e.reply) for e in uow.events(MemberReplied)] == [(chosen, "confirmed")]


async def test_quotas_the_registrants_cannot_meet_fail_the_run_with_the_relaxation():
    uow, clock, rng = fake_assembly_work(), Clock(), random.Random(2)
    assembly, codes = await set_up(uow, clock, households=9)
    for n in range(9):
        await register(uow, clock, assembly.id, volunteer(n, codes[n], rng, sex="male"))
    failed = await run(uow, clock, assembly.id)
    assert failed["status"] == "failed" and failed["error"]
    assert "lower the min of Sex:Female from 3 to 0" in failed["error"] and failed["selected"] is None


async def test_assemblies_stay_with_their_tenant_and_bad_set_ups_are_named():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await set_up(uow, clock, households=1)
    with pytest.raises(NotFound):
        await assemblies.find_assembly(uow, "dyfed-powys", assembly.id)
    bad = replace(ASSEMBLY, quotas=(replace(ASSEMBLY.quotas[0], min=5, max=4),))
    with pytest.raises(InvalidInput) as refused:
        await assemblies.create_assembly(uow, "cheshire", bad, clock)
    assert refused.value.errors[0].location == ("quotas", 0, "max")
    assert len(uow.assemblies.rows) == 1


async def test_erasing_finds_only_the_tenants_registrants_and_again_changes_nothing():
    uow, clock = fake_assembly_work(), Clock()
    assembly, people = await recruited(uow, clock, count=3)
    first = people[0].registrant.id
    with pytest.raises(NotFound):
        await assemblies.erase_registrant(uow, "gwent", assembly.id, first, clock)
    with pytest.raises(NotFound):
        await assemblies.erase_registrant(uow, "cheshire", assembly.id, uuid.uuid4(), clock)
    erased = await assemblies.erase_registrant(uow, "cheshire", assembly.id, first, clock)
    assert erased.erased_at is not None and erased.status is RegistrantStatus.WITHDRAWN
    published = list(uow.published)
    clock.wait(60)
    assert await assemblies.erase_registrant(uow, "cheshire", assembly.id, first, clock) == erased
    assert uow.published == published
    assert [e.registrant_id for e in uow.events(RegistrantErased)] == [first]


async def test_no_access_needs_are_kept_for_an_erased_member():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await selected(uow, clock)
    member = assembly.selected[0]
    await assemblies.erase_registrant(uow, "cheshire", assembly.id, member, clock)
    with pytest.raises(Conflict, match="erased"):
        await assembly_work.set_access_needs(uow, "cheshire", assembly.id, member, [AccessNeed("interpreter")],
                                             "British Sign Language", clock)


async def test_a_registrant_in_the_pool_is_not_erased_nor_withdrawn_while_a_selection_is_under_way():
    uow, clock = fake_assembly_work(), Clock()
    assembly, people = await recruited(uow, clock, count=2)
    [first, second] = people
    request = SelectionRequest(RunKind.SELECTION, "leximin", 1)
    run_id = await assembly_selection.request_run(uow, "cheshire", assembly.id, request, clock)
    with pytest.raises(Conflict, match="under way"):
        await assemblies.erase_registrant(uow, "cheshire", assembly.id, first.registrant.id, clock)
    assert uow.registrants.rows[first.registrant.id].contact.name == "Volunteer 0"
    with pytest.raises(Conflict, match="being drawn right now"):
        await assemblies.withdraw(uow, assembly.id, second.registrant.id, second.token, KEYS, clock)
    await uow.runs.finish(run_id, clock(), error="stopped")
    erased = await assemblies.erase_registrant(uow, "cheshire", assembly.id, first.registrant.id, clock)
    assert erased.status is RegistrantStatus.WITHDRAWN and erased.contact.name is None
    await assemblies.withdraw(uow, assembly.id, second.registrant.id, second.token, KEYS, clock)
    assert uow.registrants.rows[second.registrant.id].status is RegistrantStatus.WITHDRAWN


async def test_replacements_are_for_panel_members_until_the_deadline_and_draw_someone_new():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await recruited(uow, clock)
    done = await run(uow, clock, assembly.id)
    with pytest.raises(InvalidInput) as strays:
        await run(uow, clock, assembly.id, RunKind.REPLACEMENT, dropouts=(uuid.uuid4(),))
    assert strays.value.errors[0].location == ("dropouts",)
    dropouts = tuple(done["selected"][:2])
    replaced = await run(uow, clock, assembly.id, RunKind.REPLACEMENT, seed=3, dropouts=dropouts)
    assert replaced["status"] == "done" and len(replaced["selected"]) == 2
    assert not set(replaced["selected"]) & set(done["selected"])
    panel = uow.assemblies.rows[assembly.id].selected
    assert set(panel) == (set(done["selected"]) - set(dropouts)) | set(replaced["selected"])
    assert {uow.registrants.rows[d].status for d in dropouts} == {RegistrantStatus.DROPPED_OUT}
    [event] = uow.events(MembersReplaced)
    assert (event.dropouts, event.replacements) == (list(dropouts), replaced["selected"])
    clock.now = datetime(2027, 5, 1, 9, tzinfo=UTC)
    with pytest.raises(Conflict, match="replacements are closed"):
        await run(uow, clock, assembly.id, RunKind.REPLACEMENT, dropouts=tuple(panel[:1]))


async def test_a_registration_form_registers_one_person_and_a_refused_one_can_be_sent_again():
    uow, clock, rng = fake_assembly_work(), Clock(), random.Random(2)
    assembly, codes = await set_up(uow, clock, households=3)
    form = KEYS.issue(clock())
    clock.wait(20)
    first, second = (replace(volunteer(n, codes[n], rng), form_token=form) for n in range(2))
    with pytest.raises(InvalidInput):
        await assemblies.register(uow, assembly.id, replace(first, features={"sex": "robot"}), KEYS, clock)
    await assemblies.register(uow, assembly.id, first, KEYS, clock)
    with pytest.raises(Conflict, match=r"form was already used to register someone; .* reload the form"):
        await assemblies.register(uow, assembly.id, second, KEYS, clock)
    assert [r.contact.email for r in uow.registrants.rows.values()] == [first.contact.email]
