#!/usr/bin/env python3
"""Derive Chancery's reference data files from the sources in sources/ (see its README.md).

Each service owns its part and ships it as a resource:
  foreign-ministry  reference/states.json, reference/relations.json, reference/regimes.json
  audit             reference/states.json (to name the parties of a path)
  embassy           reference/missions.json
  hotline           reference/hotlines.json
  protecting-power  reference/mandates.json

Every fact keeps its source and grade (A official, B reputable secondary, C tertiary); nothing is
assumed where no source speaks (a pair with no relation written is UNKNOWN, a pair with no mission
has none). Where a reading says something the source does not state outright, it says so in a
`derivation` note. One module per kind of fact: relations.py, missions.py, hotlines.py, mandates.py,
regimes.py; world.py reads the states and the Wikidata listing, sources_io.py the rest.

Usage: python3 deploy/tools/reference/derive.py
"""
import json
import os

import hotlines
import mandates
import missions
import regimes
import relations
import world

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
DATASET = os.path.join(world.SOURCES, "reference-dataset.json")


def write(service, name, data, items=None):
    """Writes a reference file; the list under `items`, if named, one item per line (thousands of them)."""
    path = os.path.join(ROOT, "services", service, "src", "main", "resources", "reference", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        if items is None:
            json.dump(data, f, indent=2, ensure_ascii=False)
        else:
            head = {k: v for k, v in data.items() if k != items}
            f.write(json.dumps(head, indent=2, ensure_ascii=False)[:-2] + ",\n  " + json.dumps(items) + ": [\n")
            f.write(",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in data[items]))
            f.write("\n  ]\n}")
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


d = json.load(open(DATASET, encoding="utf-8"))
AS_OF = d["meta"]["as_of"]
ORIGIN = "shared reference dataset (reference-dataset.json), as of " + AS_OF
RESEARCHED = {s["iso3"]: s for s in d["states"]}
UN = world.un_states()
if not set(RESEARCHED) <= set(UN):
    raise ValueError("researched states that are not UN states: " + str(set(RESEARCHED) - set(UN)))
STATE_NAMES = world.english_names()
STATES_FILE = {
    "about": "The states Chancery knows: the 193 UN member states and the 2 observer states. A state's "
             "ISO 3166-1 alpha-3 code names it everywhere. `researched`: its hotlines, mandates and regimes "
             "were researched one by one; `capital`, the seat of its foreign ministry, is known for those.",
    "derivedFrom": "sources/un-members.tsv (UN membership) checked against sources/iso_3166-1.json "
                   "(iso-codes 4.15.0); names and capitals of researched states from " + ORIGIN,
    "states": [{"code": code, "name": RESEARCHED[code]["name"] if code in RESEARCHED else STATE_NAMES[code],
                "unStatus": status, "researched": code in RESEARCHED,
                "capital": RESEARCHED[code]["mfa_seat"] if code in RESEARCHED else None}
               for code, (status, _) in sorted(UN.items())],
}
write("foreign-ministry", "states.json", STATES_FILE, items="states")
write("audit", "states.json", STATES_FILE, items="states")

# --- missions as listed, then relations, then missions as the relations leave them ---------------
MISSIONS = missions.Missions(set(UN))
MISSIONS.statuses()
RELATIONS = relations.Relations(set(UN), d, MISSIONS.listed)
PAIRS = RELATIONS.all()
MISSIONS.close_where_relations_keep_none(PAIRS)
MISSIONS.third_capitals()
MISSIONS.permanent_missions()
relations.check_stale(PAIRS)
write("foreign-ministry", "relations.json", {
    "about": "Relations between pairs of states, as their sources give them: DIPLOMATIC, DOWNGRADED (missions "
             "kept at a lower level), INFORMAL (no formal relations, informal contact), SUSPENDED, SEVERED, NONE "
             "(never established), NOT_RECOGNISED (notRecognisedBy names who does not recognise the other). "
             "`history` holds every dated fact of the pair, oldest first; the newest decides. A DIPLOMATIC pair "
             "without history is evidenced by a mission listed between the two (asOf: the listing's date). A pair "
             "not listed is UNKNOWN: no source speaks of it.",
    "derivedFrom": "sources/no-relations.tsv, no-relations-resolved.tsv, recognition.tsv (gathered 2026-12-05); "
                   "research/palestine-recognition.tsv and research/channels.tsv; " + ORIGIN
                   + ", section 'relation_exceptions' (pairs the newer files do not name); the missions of "
                     "embassy/reference/missions.json as evidence",
    "relations": PAIRS,
}, items="relations")
print(f"relations: {len(PAIRS)} pairs of {len(UN) * (len(UN) - 1) // 2} known; missions: "
      f"{len(MISSIONS.all())}; listing rows left out: "
      + ", ".join(f"{name} {n}" for name, n in sorted(MISSIONS.skipped.items(), key=lambda kv: -kv[1])[:8]) + ", …")
write("embassy", "missions.json", {
    "about": "How a sending state can hand a note to a host state's ministry: a resident embassy (resident true); "
             "one seated in accreditedFrom and accredited to the host too, or an affairs unit there while the "
             "embassy is suspended; the two states' embassies in a thirdCapital; or none, with the reason. status is "
             "the state of the embassy in the host (OPEN, SUSPENDED, CLOSED, NONE), asOf the date of the newest "
             "source. Host UN: the state's permanent mission to the United Nations in New York. A pair not listed "
             "has no mission known.",
    "derivedFrom": "Wikidata (CC0; a mission's source names its item) via sources/missions-wikidata.tsv "
                   "(database-of-embassies, 2022-11-16); the CIA World Factbook's final edition (2026-01); "
                   "sources/mission-status.tsv; the research rows each record names; the relations",
    "missions": MISSIONS.all(),
}, items="missions")

write("hotline", "hotlines.json", {
    "about": "Dedicated links between two states, or networks linking any two of their parties, each built for one "
             "level of traffic. Levels: LEADERS, TREATY_NOTIFICATION, DECONFLICTION, MILITARY, FOREIGN_MINISTRIES, "
             "LIAISON. Status as the newest source gives it, dated by statusAsOf: UP, DOWN, NOT_ANSWERING (the far "
             "end does not pick up), DORMANT (set aside), UNKNOWN (no source since an event that may have ended "
             "it). scheduled: calls are arranged ahead.",
    "derivedFrom": ORIGIN + ", section 'hotlines'; research/regimes-hotlines.tsv",
    "hotlines": hotlines.derive(d),
})

write("protecting-power", "mandates.json", {
    "about": "Third states' mandates. PROTECTING_POWER: the protecting power relays the sending state's notices "
             "through its interests section; MESSAGE_CHANNEL: it passes them straight to the receiving ministry; "
             "GOOD_OFFICES: a mediator passes them on, informally, only when the sender allows it. Only a mandate "
             "IN_FORCE carries notices, and none whose carriesNotes is false (a consular-only scope); "
             "NEVER_IN_FORCE, REJECTED (by the receiving state) and ENDED are kept as history.",
    "derivedFrom": ORIGIN + ", section 'protecting_power_mandates'; sources/third-state-channels.json; the "
                   "research rows each mandate names",
    "mandates": mandates.derive(d),
})

write("foreign-ministry", "regimes.json", {
    "about": "Notification regimes: agreements (and one practice) under which states notify each other. A "
             "notice under a regime goes by its channel first whatever its precedence; leadTime is the least "
             "time between the notice and the notified event (ISO 8601 duration): a notice given with less is "
             "sent, marked late; ackWindow the time the receipt is due within; parties null: not listed, so no "
             "notice can be checked; withdrawals: states that left, with the date; caution: what puts it in doubt.",
    "derivedFrom": ORIGIN + ", section 'notification_regimes'; research/regimes-hotlines.tsv and its party lists",
    "regimes": regimes.derive(d),
})
