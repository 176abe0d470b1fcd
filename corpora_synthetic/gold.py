"""The gold corpus: records written by ten separate writers, labelled blind by others.

    python -m corpora_synthetic.gold      # rebuild splits and data card from gold/source/

`gold/source/writers/` holds each writer's records (text and metadata only); `gold/source/labels/`
holds every labeller's raw labels (a record labelled twice appears in two files);
`gold/source/adjudicated.jsonl` settles the double-labelled records where the two disagreed on
themes, polarity or victim-blaming phrases. Identifier and keep spans are the union of both
labellers' (an identifier either of them saw is an identifier).

Splits are by writer, so no writer's voice is in two splits. THE LOCKED RULE: no choice
(features, thresholds, blend weights, model selection, promotion) ever reads `locked_test.jsonl`;
only final reports do, through `evaluation`. Training and tuning code load splits with
`load_split`, which refuses the locked split; a test checks that no such code opens the file.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from collections import Counter

from corpora_synthetic.datacard import build_card, card_markdown, read_jsonl
from corpora_synthetic.gold_agreement import agreement
from corpora_synthetic.gold_spans import keep_spans, pii_spans

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SOURCE = GOLD_DIR / "source"
LOCKED = "locked_test"
# chosen from the writers' briefs and label counts only (before any model was scored on them):
# the locked split holds young people's messages (w02), focus groups (w05) and social-care /
# return-home notes (w06), so every theme and victim-blaming language are represented.
# w11-w13 came later (a YOT case worker, a peer survey's answers, a school mentor; 100 records each),
# written and labelled by new sessions to widen the choice sets; they go to dev, never to the locked split.
# w14-w18 (80 records each: a children's home log, a school's safeguarding log, youth workers' message
# threads, a community safety team, health practitioners) likewise, labelled by L15-L19 and a quarter by L20;
# then w19-w23 (volunteer mentors, voice notes through speech-to-text, a CSE project, staff chat, foster
# carers), labelled by L21-L25 and a quarter by L26; then w24-w28 (young carers, an LGBTQ+ youth group, a
# football club, early help assessments, a peer-support forum), labelled by L27-L31 and a quarter by L32;
# then w29-w32 (a school's MIS comments, referral order panels, faith-setting youth leaders, supported
# housing), labelled by L33-L36 and a quarter by L37; then w33-w40 (a school nurse text line, a children's services
# front door, a youth service's Discord moderators, parents' emails, transport staff, virtual school PEP notes, young
# people's creative writing, a holiday activities programme), labelled by L38-L45 and a quarter again by L46-L47; then
# w41-w46 (a transition survey, an asylum-seeking young people's project, appropriate adults in custody, a youth
# homelessness team, attendance officers, youth club WhatsApp groups), labelled by L48-L53 and a quarter by L54-L55; then
# w47-w52 (a youth council, children in care before their reviews, a kinship carers' advice line, public reports of
# exploitation, youth work in Scotland, Wales and Northern Ireland, advocates), labelled by L56-L61, a quarter by L62-L63; then
# w53-w58 (young people's social media comments, school police liaison officers, outdoor residentials, pupils'
# workshop feedback slips, library staff, a parents' group chat), labelled by L64-L69, a quarter by L70-L71; then
# w59-w66 (focus groups, return home interviews, one-to-one texts with a youth worker, an alternative provision's logs,
# exploitation panel minutes, school referrals to early help, sports coaches, an online survey of young people),
# labelled by L72-L79, a quarter by L80-L81; then w67-w74 (hospital youth workers, peer researchers' interviews, school
# wellbeing practitioners, a safe-spaces mapping workshop, care leavers' personal advisers, trafficking referrals, a
# primary school's worry box, a youth hub's front desk log), labelled by L82-L89, a quarter by L90-L91; then w75-w82
# (child protection conferences, a youth web chat, community safety wardens, exclusion appeals, youth workers'
# supervision, a festival survey, letters from custody, police voice-of-the-child notes), labelled by L92-L99, a quarter
# by L100-L101; then w83-w85 (foster carers' significant-event logs, a missing and exploited hub's briefings, young
# people's anonymous reports about people and cars), labelled by L103, L104 and L102, once each; then w86-w88
# (children's home shift logs, attendance officers' home visits, young people's DMs and voice notes to a detached
# youth worker), labelled by L106, L107 and L105, once each; then w89-w91 (a return home interview service, focus
# groups on parks and streets after dark, a school nursing text line: the locked split's genres, new writers),
# labelled by L108, L109 and L110, once each
SPLIT_WRITERS = {"train": ("w01", "w03", "w07", "w08", "w09"),
                 "dev": ("w04", "w10", "w11", "w12", "w13", "w14", "w15", "w16", "w17", "w18",
                         "w19", "w20", "w21", "w22", "w23", "w24", "w25", "w26", "w27", "w28",
                         "w29", "w30", "w31", "w32", "w33", "w34", "w35", "w36", "w37", "w38", "w39", "w40",
                         "w41", "w42", "w43", "w44", "w45", "w46", "w47", "w48", "w49", "w50", "w51", "w52",
                         "w53", "w54", "w55", "w56", "w57", "w58",
                         "w59", "w60", "w61", "w62", "w63", "w64", "w65", "w66",
                         "w67", "w68", "w69", "w70", "w71", "w72", "w73", "w74",
                         "w75", "w76", "w77", "w78", "w79", "w80", "w81", "w82",
                         "w83", "w84", "w85", "w86", "w87", "w88", "w89", "w90", "w91"),
                 LOCKED: ("w02", "w05", "w06")}
LICENCE = ("Written for this project (fictional text, no real person); released with the project under its "
           "MIT licence.")


class LockedSplitError(PermissionError):
    """Raised when training or tuning code asks for the locked test split."""


def load_split(name: str) -> list[dict]:
    """Gold records of the train or dev split, for training and tuning; refuses the locked split."""
    if name == LOCKED:
        raise LockedSplitError("the locked test split is for final reports only (corpora_synthetic/gold.py); "
                               "tune on 'dev' instead.")
    if name not in SPLIT_WRITERS:
        raise ValueError(f"unknown gold split {name!r}; use 'train' or 'dev'.")
    return list(read_jsonl(GOLD_DIR / f"{name}.jsonl"))


def split_path(name: str) -> Path:
    """Where a split lives (evaluation reports open the locked split through this)."""
    return GOLD_DIR / f"{name}.jsonl"


def locked_checksum() -> str:
    """sha256 of the locked split's bytes, as recorded in the data card."""
    return hashlib.sha256(split_path(LOCKED).read_bytes()).hexdigest()


def _labels() -> dict[str, list[dict]]:
    by_id: dict[str, list[dict]] = {}
    for path in sorted((SOURCE / "labels").glob("*.jsonl")):
        for lab in read_jsonl(path):
            by_id.setdefault(lab["id"], []).append(lab)
    return by_id


def _final(record: dict, labels: list[dict], settled: dict[str, dict]) -> dict:
    first = labels[0]
    decided = settled.get(record["id"], first)
    pii_labels = [p for lab in labels for p in lab["pii"]]
    pii = pii_spans(record["text"], pii_labels)
    keep = keep_spans(record["text"], [k for lab in labels for k in lab["keep"]], pii)
    polarity = decided["safety_polarity"]
    return {**record, "pii": pii, "keep": keep, "themes": sorted(decided["themes"]),
            "safety_polarity": None if polarity == "none" else polarity,
            "victim_blaming": list(dict.fromkeys(decided["victim_blaming"])),
            "labellers": [lab["labeller"] for lab in labels], "adjudicated": record["id"] in settled}


def build() -> dict:
    """Write train/dev/locked_test JSONL and the data card; return the card."""
    records = {r["id"]: r for path in sorted((SOURCE / "writers").glob("*.jsonl")) for r in read_jsonl(path)}
    labels = _labels()
    missing = sorted(set(records) - set(labels))
    if missing:
        raise ValueError(f"{len(missing)} gold records have no label, e.g. {missing[:3]}")
    settled = {a["id"]: a for a in read_jsonl(SOURCE / "adjudicated.jsonl")}
    final = {rid: _final(rec, labels[rid], settled) for rid, rec in records.items()}
    writer_split = {w: s for s, writers in SPLIT_WRITERS.items() for w in writers}
    by_split: dict[str, list[dict]] = {s: [] for s in SPLIT_WRITERS}
    for _, rec in sorted(final.items()):
        by_split[writer_split[rec["writer"]]].append(rec)
    for split, rows in by_split.items():
        split_path(split).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    pairs = [(records[rid], *labs) for rid, labs in sorted(labels.items()) if len(labs) == 2]
    card = build_card(list(final.values()), meta={"name": "gold", "licence": LICENCE})
    card["splits"] = {s: len(rows) for s, rows in by_split.items()}
    card["split_writers"] = {s: list(w) for s, w in SPLIT_WRITERS.items()}
    card["split_themes"] = {s: {t: Counter(x for r in rows for x in r["themes"])[t] for t in card["themes"]}
                            for s, rows in by_split.items()}
    card["double_labelled"] = len(pairs)
    card["adjudicated"] = len(settled)
    card["agreement"] = agreement(pairs)
    card["locked_sha256"] = locked_checksum()
    (GOLD_DIR / "data_card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (GOLD_DIR / "data_card.md").write_text(gold_card_markdown(card), encoding="utf-8")
    return card


def gold_card_markdown(card: dict) -> str:
    """The generic card plus splits, agreement, the locked rule, briefs and licence."""
    agree = card["agreement"]
    lines = [card_markdown(card).replace("# Data card", "# Data card: gold corpus", 1), "## How it was made", "",
             "Writers, labellers and the adjudicator were separate language-model sessions, each seeing only its "
             "own brief and input; none is a practitioner or a young person, so this is text written in many "
             "voices by other hands than the project's generator, not real notes. "
             "Ten writers, each working alone from its own brief ([briefs/](briefs/)) under common rules "
             "([briefs/common_writer.md](briefs/common_writer.md)), wrote 155 records each by hand, never from "
             "templates and without seeing the project's code or corpora or each other's records. Ten "
             "labellers, none of them a writer, labelled them blind with [briefs/labelling_guide.md]"
             "(briefs/labelling_guide.md): each labeller took one writer's records plus a fixed quarter "
             f"(by hash of the id) of another writer's, so {card['double_labelled']} records were labelled twice "
             f"independently. A third session adjudicated the {card['adjudicated']} double-labelled records whose "
             "themes, polarity or victim-blaming phrases differed; identifier and keep spans are the union of "
             "both labellers' spans. Both raw label sets are kept in [source/labels/](source/labels/). "
             "Later, three more writers (w11 a youth offending team case worker, w12 a peer survey's answers, "
             "w13 a school mentor; 100 records each, same common rules) were labelled by new labellers (L13, "
             "L11 and L12), none of them a writer, and a quarter of them (by hash of the id) again by L14; those "
             "pairs were not adjudicated (the first label's themes stand). They widen the choice sets and are "
             "in dev. Five more writers came after the locked split's redaction figures had stopped following "
             "the choice sets' (w14 a children's home log and missing-from-care forms, w15 a secondary school's "
             "safeguarding log, w16 youth workers' message threads with young people, w17 a community safety "
             "team's case notes, w18 health practitioners' safeguarding notes; 80 records each), each labelled by "
             "one new labeller (L15-L19) and a quarter of them (by hash of the id) again by L20, not "
             "adjudicated; they are in dev too. Then five more the same way (w19 volunteer mentors' feedback "
             "forms, w20 young people's voice notes through speech-to-text, w21 a CSE project's notes, w22 "
             "youth work staff chat, w23 foster carers' diaries; labelled by L21-L25, a quarter again by L26), "
             "measured once as they arrived and then added to dev. Then five more (w24 a young carers' project, w25 "
             "an LGBTQ+ youth group, w26 a grassroots football club, w27 early help family assessments, w28 an "
             "online peer-support forum; labelled by L27-L31, a quarter again by L32), measured and added the same "
             "way, and four more after them (w29 a school's MIS comments, w30 referral order panel reports, w31 "
             "youth leaders in faith settings, w32 supported housing keyworkers; labelled by L33-L36, a quarter "
             "again by L37). Then eight more (w33 a school nursing text service, w34 a children's services front door's "
             "call records, w35 a youth service's Discord moderation logs, w36 parents' emails, w37 transport staff's "
             "incident reports, w38 virtual school PEP notes, w39 young people's creative writing, w40 a holiday "
             "activities programme; labelled by L38-L45, a quarter again by L46 and L47), measured once as they "
             "arrived and then added to dev. Then six more the same way (w41 a primary-to-secondary transition "
             "survey, w42 a project for unaccompanied asylum-seeking young people, w43 appropriate adults' custody "
             "notes, w44 a youth homelessness team, w45 attendance officers' home visits, w46 youth club and boxing "
             "gym WhatsApp groups; labelled by L48-L53, a quarter again by L54 and L55). Then six more (w47 a youth "
             "council's minutes and blogs, w48 children in care's views before their reviews, w49 a kinship carers' "
             "advice line, w50 the public's reports of suspected exploitation, w51 youth workers in Scotland, Wales and "
             "Northern Ireland, w52 independent advocates; labelled by L56-L61, a quarter again by L62 and L63), and six "
             "after them (w53 young people's comments and messages to a youth service's social media, w54 school police "
             "liaison officers, w55 outdoor residential leaders, w56 pupils' workshop feedback slips, w57 library staff, "
             "w58 a parents' year-group chat; labelled by L64-L69, a quarter again by L70 and L71). Then eight more (w59 focus "
             "groups with young people, w60 return home interviews after missing episodes, w61 one-to-one texts between "
             "young people and a youth worker, w62 an alternative provision's staff logs, w63 a multi-agency exploitation "
             "panel's minutes, w64 schools' referrals to early help, w65 sports coaches' welfare notes, w66 an online "
             "survey of young people; labelled by L72-L79, a quarter again by L80 and L81). Focus groups and return home "
             "interviews are genres the locked split also holds (by its writers' briefs); these were written by other "
             "hands from new briefs and are in dev. Then eight more (w67 hospital-based youth workers, w68 peer researchers' "
             "interviews, w69 school wellbeing practitioners, w70 a safe-spaces mapping workshop's notes, w71 care leavers' "
             "personal advisers, w72 trafficking (NRM) referrals about children, w73 a primary school's worry box, w74 a "
             "youth hub's front desk log; labelled by L82-L89, a quarter again by L90 and L91), and eight after them (w75 child "
             "protection conference minutes, w76 a youth counselling web chat, w77 community safety wardens' patrol logs, "
             "w78 exclusion appeal letters, w79 youth workers' supervision notes, w80 a youth festival's paper survey, w81 "
             "letters from young people in custody, w82 police voice-of-the-child notes; labelled by L92-L99, a quarter "
             "again by L100 and L101). Then nine more in three batches of 60 records each, each labelled once, by a "
             "labeller of its own (w83 foster carers' significant-event logs, w84 a missing and exploited hub's "
             "briefings, w85 young people's anonymous reports about people and cars, labelled by L103, L104 and L102; "
             "w86 children's home shift logs, w87 attendance officers' home visits, w88 young people's DMs and voice "
             "notes to a detached youth worker, labelled by L106, L107 and L105; w89 a return home interview service, "
             "w90 focus groups on parks and streets after dark, w91 a school nursing text line, labelled by L108, L109 "
             "and L110).", "",
             "## Splits (by writer)", "", "| split | writers | records |", "|---|---|---|"]
    lines += [f"| {s} | {', '.join(card['split_writers'][s])} | {card['splits'][s]} |" for s in card["splits"]]
    lines += ["", "| theme | " + " | ".join(card["splits"]) + " |", "|---|" + "---|" * len(card["splits"])]
    for theme in card["themes"]:
        lines.append(f"| {theme} | " + " | ".join(str(card["split_themes"][s][theme]) for s in card["splits"]) + " |")
    lines += ["", f"**Locked rule.** No choice (features, thresholds, blend weights, model selection, promotion) "
              f"ever reads `{LOCKED}.jsonl`; only final reports do. sha256 of the locked split: "
              f"`{card['locked_sha256']}`.", "", f"## Agreement ({agree['records']} double-labelled records)", "",
              "| theme | Cohen's kappa | raw agreement |", "|---|---|---|"]
    lines += [f"| {t} | {agree['theme_kappa'][t]} | {agree['theme_agreement'][t]} |" for t in agree["theme_kappa"]]
    lines += ["", f"- mean theme kappa {agree['theme_kappa_mean']}; identical theme sets {agree['themes_identical_share']}",
              f"- safety polarity: kappa {agree['polarity_kappa']}, agreement {agree['polarity_agreement']}",
              f"- victim-blaming present (record level): kappa {agree['victim_blaming_record_kappa']}",
              f"- identifier spans: F1 {agree['identifier_span_f1_exact']} exact, "
              f"{agree['identifier_span_f1_overlap']} overlapping", "",
              "These are two labellers of one kind (language models briefed separately) agreeing with each "
              "other; agreement is not correctness, and shared habits would not show here.", "",
              "## Licence", "", card["licence"], ""]
    return "\n".join(lines)


if __name__ == "__main__":
    built = build()
    print(json.dumps({"records": built["records"], "splits": built["splits"],
                      "locked_sha256": built["locked_sha256"]}, indent=2))
