"""Names as panel minutes, return home interviews, referral emails and young people's texts give them (gold dev
writers w59-w66). The sentences are written for these tests in the shapes those writers used, not copied from them.
"""
from __future__ import annotations

import pytest

from redaction import Redactor
from tests.redaction.conftest import covered

FOUND = [
    # minutes name attendees by initials and agency, or a role and initials in brackets
    ("Item 2 - Attendance: KM (CSC), PD (Health), TW (Education Inclusion).", "KM", "PERSON"),
    ("Item 2 - Attendance: KM (CSC), PD (Health), TW (Education Inclusion).", "TW", "PERSON"),
    ("Health (school nurse, RB) raised the concern at panel", "RB", "PERSON"),
    # a teacher by her initial; a message's writer saying who she is
    ("Asked for Mr J again at lunch and sat with him", "Mr J", "PERSON"),
    ("hiya its keeley from wednesday group, can i bring a mate", "keeley", "PERSON"),
    ("dear miss its chantelle again. i got out.", "chantelle", "PERSON"),
    ("i hope u get this. its Kai. i never grassed", "Kai", "PERSON"),
    # the names a phone's contacts are saved under
    ("Numbers in his phone: 07700 900 512 (saved 'Dee'), 07700 900 883 ('T2').", "Dee", "PERSON"),
    ("Numbers in his phone: 07700 900 512 (saved 'Dee'), 07700 900 883 ('T2').", "T2", "PERSON"),
    # an email's sender; a nickname someone gives himself
    ("To: all volunteers\nFrom: Bernadette\nRe: kit", "Bernadette", "PERSON"),
    ("an older lad calling himself Tiny has been hanging round", "Tiny", "PERSON"),
    # who an action falls to; initials signing a log; a nickname the minutes later name
    ("Action: KW to complete direct work on healthy relationships.", "KW", "PERSON"),
    ("Written up straight after, signed TM / RJ.", "TM / RJ", "PERSON"),
    ("- 'Smudge' now identified as Callum Reeve, 24", "Smudge", "PERSON"),
    # handles people name in a note about accounts
    # a log's writers: a sign-off, a time after the initials, a staff list (even letters that spell a decoy)
    ("Mia did not come in. Pete aware. MH", "MH", "PERSON"),
    ("Rang back re the meeting, ext 2217. Taken by KB 11:10.", "KB", "PERSON"),
    ("INCIDENT - 19:10. Staff on: RP, AM, Leon (sessional).\nTwo lads came in", "AM", "PERSON"),
    ("Log book full - new one started tomorrow. Thanks all. KB x", "KB", "PERSON"),
    # nicknames and aliases as referrals list them
    ("Jordan Pike, also known as 'Jay' and 'JP', DOB 02/03/2008", "JP", "PERSON"),
    ("Older peer 'Bones' (believed to be Lee Bonner, 20) was there", "Bones", "PERSON"),
    ("His mate's name for him was 'Tadpole' and it stuck", "Tadpole", "PERSON"),
    ("3. 'Little T' - not yet identified, approx 12", "Little T", "PERSON"),
    ("referral for Andrei (surname Popa), 14, Romanian", "Andrei", "PERSON"),
    ("referral for Andrei (surname Popa), 14, Romanian", "Popa", "PERSON"),
    ("Let him ring his nan (Maureen, 07700 900 561) who came", "Maureen", "PERSON"),
    # a name with a handle's inner capitals
    ("he asked for a pic. his name was xXshadowfoxXx. I told my sister", "xXshadowfoxXx", "SOCIAL_HANDLE"),
    # a web chat's chosen username opposite a staff speaker
    ("nightowl: cant sleep again\nCounsellor: Hi nightowl, I'm here.\nnightowl: thanks", "nightowl", "SOCIAL_HANDLE"),
    # a parents' group in lower case: a sender who wrote once, and one message copied alone
    ("sophie l: is poppy ok\ngem p: course she can!!\nsophie l: thanks hun", "gem p", "PERSON"),
    ("tasha g: anyone got a calculator we can borrow", "tasha g", "PERSON"),
    # WhatsApp's "~" marks a sender not in the contacts: a name even when an English word writes only once
    ("[06/08/2024, 18:41] Jo (Youth Worker): What a day\n[06/08/2024, 19:02] ~ Shell: She slept all the way", "Shell", "PERSON"),
    # one line, and the counsellor says the name back (the chat then ends)
    ("moonchild: whats the point\nCounsellor: Hi moonchild. I'm glad you reached out.", "moonchild", "SOCIAL_HANDLE"),
    # a surname that is a street word, before a kin word
    ("Dear Mr Pryce, I'm Holly Lane's mum (Year 8).", "Holly Lane", "PERSON"),
    ("Comment from social worker (Hannah Grove) 20/03/2025: she is", "Hannah Grove", "PERSON"),
    ("Please don't punish her for it. Jenny Lane 07700 900 906", "Jenny Lane", "PERSON"),
    # a police sergeant; a nickname between a given name and a surname, with accents
    ("Interview put back - agreed with PS Marlow 2290. Tyler slept.", "PS Marlow", "PERSON"),
    ('Three lads incl Seán "Shay" McCready came in', 'Seán "Shay" McCready', "PERSON"),
    # titles and letters in letters from custody and police notes
    ("Officer Dan said we can plant potatoes next.", "Officer Dan", "PERSON"),
    ("He would like you to visit. Yours, Father Brendan", "Father Brendan", "PERSON"),
    ("Her aunty Bev was called. PS 1180 WALSH.", "PS 1180 WALSH", "PERSON"),
    ("Write back to me at the unit. From Tyler (T)", "T", "PERSON"),
    ("just dont leave me not knowing. J", "J", "PERSON"),
    # a young person by one letter, then what they did
    ("During session M mentioned dad got taken away", "M", "PERSON"),
    ("18:50 - D and his cousin came in smelling of weed", "D", "PERSON"),
    # a form's person field
    ("Refused to carry them. Driver: Tony Gault 30112.", "Tony Gault", "PERSON"),
    ("Caller: Harjit, cashier at the garage on Mill Road", "Harjit", "PERSON"),
    # a faith leader's title in brackets or opening a sentence
    ("Trusted adults he named: the imam's assistant (Brother Idris), me.", "Brother Idris", "PERSON"),
    ("Planning for Sunday. Sister Maryam doing face paint.", "Sister Maryam", "PERSON"),
    ("there's a page called northend.fights that posts every scrap", "northend.fights", "SOCIAL_HANDLE"),
    ("her insta is fine, his was 'marco.vz', since deactivated", "marco.vz", "SOCIAL_HANDLE"),
]
NOT_FOUND = [
    ("plan b: ring mum first", "plan b"),  # a lettered thing, not a sender and an initial
    ("hi its me again, can u ring", "me"),
    ("hey its fine now dont worry", "fine"),
    ("it's summer. we're off to the coast", "summer"),
    ("I AM WRITING ABOUT MY SON. EACH TIME I AM TOLD NO", "WRITING"),  # a shouted word after "I am"
    ("we met on Holly Lane by the shop", "Holly Lane"),
    ("patrols on Cobden Street 0820-0845 then school", "Cobden Street"),
    ("cake brought in by her mum (Tesco caterpillar cake)", "Tesco"),
    ("she calls herself stupid when she gets one wrong", "stupid"),
    ("MASH (Police) and CSC (Health) both attended", "MASH"),
    ("From: Safeguarding Team\nTo: all staff", "Safeguarding Team"),
    ("Miss I think she was upset", "Miss I"),
    ("Action: FSW to contact the ASB officer", "FSW"),
    ("Action: DC to progress the NRM", "DC"),
    ("she was at home.she said on snap it was fine", "home.she"),
    ("Driver: unknown, white male in his 40s", "unknown"),
    ("Session started at 10 AM and ended at 2 PM", "AM"),
    ("Referred to early help. NFA", "NFA"),
    ("sent her a DM on insta about it", "DM"),
    ("Plan B was agreed. Grade C is fine.", "B"),
    # an interview's respondent; a place on a road-like name; a numbered ward
    ("I: what was it like?\nR: it was alright innit\nI: and school?\nR: nah", "R"),
    ("people hang round the Tesco on Kingsway and the guard moves them on", "Kingsway"),
    ("Saw him post-op, Ward 9 bed 8. Said he'd been carrying", "Ward"),
    ("he felt a little I think", "I"),
    ("PS Please ring me back about it", "PS Please"),
    ("Option (B) was chosen", "B"),
    ("Passed on to Ade and Marie (SSW).", "SSW"),
    ("went to see Father Christmas at the centre", "Father Christmas"),
    ("anon: hi is this the youth worker\nMe: Yes, who's this?\nanon: i dont wanna say", "anon"),
    ("note: check the rota\nMe: ok\nnote: again on Friday", "note"),
]


@pytest.mark.parametrize(("text", "needle", "kind"), FOUND)
def test_found(redactor: Redactor, text: str, needle: str, kind: str) -> None:
    assert covered(redactor, text, needle) == kind


@pytest.mark.parametrize(("text", "needle"), NOT_FOUND)
def test_not_found(redactor: Redactor, text: str, needle: str) -> None:
    assert covered(redactor, text, needle) is None
