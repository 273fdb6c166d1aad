#!/usr/bin/env python3
"""Derive Chancery's reference data files from the shared research dataset.

Each service owns its part and ships it as a resource:
  foreign-ministry  reference/states.json, reference/relations.json, reference/regimes.json
  audit             reference/states.json (to name the parties of a path)
  embassy           reference/missions.json
  hotline           reference/hotlines.json
  protecting-power  reference/mandates.json

Every fact keeps its source and confidence grade (A official, B reputable secondary, C tertiary,
E modelling estimate). Where this script decides something the dataset leaves open (a status as
of its date, a level's routing purpose), it says so in a `derivation` note and keeps the value as
recorded beside the derived one.

The 24 researched states come from the research dataset; every other UN state, and the missions
between all of them, from the sources world.py reads. Everything is read from sources/.

Usage: python3 deploy/reference/derive.py
"""
import json
import os

import world

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
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

# --- relations (foreign-ministry) ---------------------------------------------------------------
RELATION = {
    "no_relations": "NONE",
    "never_established": "NONE",
    "no_full_relations": "NONE",
    "no_formal_relations": "NONE",
    "special_no_diplomatic_relations": "NONE",
    "severed": "SEVERED",
    "severed_normalizing": "NORMALIZING",
    "relations_downgraded": "DOWNGRADED",
    "restored": "DIPLOMATIC",
}
relations = []
for e in d["relation_exceptions"]:
    since = e.get("since", e.get("restored"))
    relations.append({
        "states": e["pair"],
        "status": RELATION[e["status"]],
        "statusAsRecorded": e["status"],
        "since": None if since is None else str(since),
        "note": e.get("note"),
        "confidence": e["confidence"],
        "source": e["source"],
    })
default = d["relation_default"]
STATES_FILE = {
    "about": "The states Chancery knows: the 193 UN member states and the 2 observer states. A state's "
             "ISO 3166-1 alpha-3 code names it everywhere. `researched`: its relations, mandates and "
             "hotlines were researched one by one (the others have the defaults and the missions "
             "Wikidata lists); `capital`, the seat of its foreign ministry, is known for those.",
    "derivedFrom": "sources/un-members.tsv (UN membership) checked against sources/iso_3166-1.json "
                   "(iso-codes 4.15.0); names and capitals of researched states from " + ORIGIN,
    "states": [{"code": code, "name": RESEARCHED[code]["name"] if code in RESEARCHED else STATE_NAMES[code],
                "unStatus": status, "researched": code in RESEARCHED,
                "capital": RESEARCHED[code]["mfa_seat"] if code in RESEARCHED else None}
               for code, (status, _) in sorted(UN.items())],
}
write("foreign-ministry", "states.json", STATES_FILE, items="states")
write("audit", "states.json", STATES_FILE, items="states")
write("foreign-ministry", "relations.json", {
    "about": "Diplomatic relations between pairs of states. Statuses: DIPLOMATIC, DOWNGRADED (missions "
             "kept at a lower level), NORMALIZING (being restored), SEVERED, NONE (never established or "
             "not full). A pair not listed has the default.",
    "derivedFrom": ORIGIN + ", sections 'relation_default' and 'relation_exceptions'",
    "default": {"status": "DIPLOMATIC", "confidence": default["confidence"], "note": default["note"]},
    "exceptions": relations,
})

# --- missions (embassy) -------------------------------------------------------------------------
# Three layers, the later winning for a pair: what Wikidata lists (C), the researched default between
# two researched states (E), what the research records for a pair (its grade).
missions = {}


def put(m):
    missions[(m["sending"], m["host"])] = m


listed, skipped = world.wikidata_missions(set(UN))
WIKIDATA = "Wikidata"
for row in listed:
    resident = (row["sending"], row["host"])
    if resident not in missions:
        put({"sending": row["sending"], "host": row["host"], "resident": True, "city": row["city"],
             "note": row["type"], "confidence": "C", "source": WIKIDATA + " " + row["qid"]})
for row in listed:
    for served in row["alsoAccreditedTo"]:
        if (row["sending"], served) not in missions:
            put({"sending": row["sending"], "host": served, "resident": False, "accreditedFrom": row["host"],
                 "city": row["city"], "note": "non-resident: the " + (row["type"] or "mission") + " in "
                 + (row["city"] or STATE_NAMES[row["host"]]) + " is also accredited here",
                 "confidence": "C", "source": WIKIDATA + " " + row["qid"]})
wikidata_pairs = len(missions)
for sending in RESEARCHED:
    for host in RESEARCHED:
        if sending != host and not missions.get((sending, host), {}).get("resident"):
            put({"sending": sending, "host": host, "resident": True, "confidence": default["confidence"],
                 "source": "relation_default: " + str(default["resident_embassy_both_ways"]),
                 "note": default["note"]})
for e in d["relation_exceptions"]:
    a, b = e["pair"]
    status = RELATION[e["status"]]
    if status in ("NONE", "SEVERED"):
        for sending, host in ((a, b), (b, a)):
            put({"sending": sending, "host": host, "resident": False,
                 "since": None if e.get("since") is None else str(e["since"]),
                 "note": "no resident mission: relations " + e["status"].replace("_", " ")
                         + (" (" + e["note"] + ")" if e.get("note") else ""),
                 "confidence": e["confidence"], "source": e["source"]})
    elif status == "NORMALIZING":
        put({"sending": a, "host": b, "resident": True, "since": "2026-01",
             "note": "embassy reopening in phases: " + e["note"],
             "confidence": e["confidence"], "source": e["source"]})
        put({"sending": b, "host": a, "resident": False, "since": str(e.get("since")),
             "note": "no reopening recorded for this side",
             "derivation": "the dataset records only the first state's reopening",
             "confidence": "E", "source": e["source"]})
    elif status == "DOWNGRADED":
        for sending, host in ((a, b), (b, a)):
            put({"sending": sending, "host": host, "resident": True,
                 "note": "resident, at a lower level: " + e["note"],
                 "confidence": e["confidence"], "source": e["source"]})
# Canada is not represented in Pyongyang: Sweden acts for it under VCDR Art. 46.
for m in d["protecting_power_mandates"]:
    if m["sending_state"] == "CAN" and m["receiving_state"] == "PRK":
        put({"sending": "CAN", "host": "PRK", "resident": False, "note": m["scope"],
             "confidence": m["confidence"], "source": m["source"]})
print(f"missions: {wikidata_pairs} pairs from Wikidata, {len(missions)} in all; rows left out: "
      + ", ".join(f"{name} {n}" for name, n in sorted(skipped.items(), key=lambda kv: -kv[1])[:8]) + ", …")
write("embassy", "missions.json", {
    "about": "Missions of a sending state for a host state: resident (an embassy or high commission in the "
             "host that hands notes to the host's ministry), or non-resident (accredited to the host from "
             "its seat in `accreditedFrom`), or neither (resident false without accreditedFrom: no mission, "
             "with the reason). A pair not listed has no mission known.",
    "derivedFrom": "Wikidata (CC0; a mission's source names its item), via sources/missions-wikidata.tsv "
                   "(database-of-embassies, 2022-11-16); the researched default and exceptions of " + ORIGIN
                   + ", sections 'relation_default', 'relation_exceptions' and 'protecting_power_mandates'",
    "missions": sorted(missions.values(), key=lambda m: (m["sending"], m["host"])),
}, items="missions")

# --- hotlines (hotline) -------------------------------------------------------------------------
LEVEL = {
    "head_of_government_text": "LEADERS",
    "head_of_state_voice": "LEADERS",
    "treaty_notification_GGCL": "TREATY_NOTIFICATION",
    "military_deconfliction": "DECONFLICTION",
    "senior_military_dialogue": "MILITARY",
    "defense_minister_secure_voice": "MILITARY",
    "defense_minister_voice": "MILITARY",
    "chiefs_of_general_staff": "MILITARY",
    "military_operations_voice": "MILITARY",
    "defense_authorities_voice": "MILITARY",
    "foreign_secretaries": "FOREIGN_MINISTRIES",
    "liaison_and_military_lines": "LIAISON",
}
NAMES = {
    "US-RU-DCL": "Direct Communications Link (Washington-Moscow hotline)",
    "US-RU-NRRC": "Nuclear Risk Reduction Centers link (GGCL)",
    "US-RU-SYR-DECONF": "Syria air deconfliction line",
    "US-RU-EUCOM-NDMC": "EUCOM-NDMC deconfliction line",
    "US-RU-MILMIL-HIGH": "High-level military-to-military channel",
    "US-CN-PRES": "US-China presidential line",
    "US-CN-DTL": "Defense Telephone Link",
    "CN-RU-PRES": "China-Russia presidential line",
    "CN-RU-DEF": "China-Russia defence ministers' line",
    "CN-RU-CGS": "China-Russia chiefs of general staff line",
    "IN-PK-DGMO": "India-Pakistan DGMO hotline",
    "IN-PK-FS": "India-Pakistan foreign secretaries' hotline",
    "KR-KP-LIAISON": "Inter-Korean liaison and military lines",
    "JP-CN-DEF": "Japan-China defence hotline",
    "IL-RU-SYR-DECONF": "Israel-Russia deconfliction line",
}


def status_of(h):
    """The line's state as of the dataset's date, from its status history."""
    if h["id"] == "KR-KP-LIAISON":
        return "NOT_ANSWERING", "the North has not answered since 2023-04-07"
    if "unverified" in str(h.get("status", "")):
        return "UNVERIFIED", "operational status unverified"
    history = h.get("status_history", [])
    if history:
        last = history[-1]
        (event, when), = last.items()
        return "UP", event.replace("_", " ") + " " + str(when)
    return "UP", "no interruption recorded"


# Where a deconfliction line deconflicts, read from what the dataset says of its founding: the
# 2015 memorandum "on flight safety over Syria", the Israeli line's end at Hmeimim (Syria), and the
# EUCOM line set up on 1 Mar 2022, as Russia invaded Ukraine. A line without a theatre is general.
THEATRES = {
    "US-RU-SYR-DECONF": (["SYR"], "2015 MOU on flight safety over Syria"),
    "IL-RU-SYR-DECONF": (["SYR"], "its Russian end is the aviation command centre at Hmeimim, Syria"),
    "US-RU-EUCOM-NDMC": (["UKR"], "set up between US EUCOM and Russia's NDMC on 1 Mar 2022, days into Russia's invasion "
                                  "of Ukraine"),
}

hotlines = []
for h in d["hotlines"]:
    status, why = status_of(h)
    established = h.get("established")
    if isinstance(established, dict):
        established = established.get("operational") or established.get("installed") or next(iter(established.values()))
    hotlines.append({
        "id": h["id"],
        "name": NAMES[h["id"]],
        "parties": h["parties"],
        "level": LEVEL[h["level"]],
        "levelAsRecorded": h["level"],
        "status": status,
        "statusNote": why,
        "established": established or h.get("first_use") or h.get("contact_since"),
        "note": h.get("reliability_note") or h.get("notes") or h.get("note"),
        "confidence": h.get("confidence", "A/B" if h["id"] in ("US-RU-DCL", "US-RU-NRRC") else "B"),
        "sources": h.get("sources", []),
        "theatres": THEATRES.get(h["id"], (None,))[0],
        "theatreDerivation": THEATRES[h["id"]][1] if h["id"] in THEATRES else None,
    })
write("hotline", "hotlines.json", {
    "about": "Dedicated links between two states, each built for one level of traffic. Levels: LEADERS, "
             "TREATY_NOTIFICATION, DECONFLICTION, MILITARY, FOREIGN_MINISTRIES, LIAISON. Status as of the "
             "dataset's date: UP, DOWN, NOT_ANSWERING (the far end does not pick up), UNVERIFIED.",
    "derivedFrom": ORIGIN + ", section 'hotlines'",
    "derivation": "status is the last entry of each line's status history; a line without one is UP",
    "hotlines": hotlines,
})

# --- mandates (protecting-power) ----------------------------------------------------------------
def mandate_status(raw):
    raw = str(raw)
    for prefix, status in (("in_force", "IN_FORCE"), ("never_in_force", "NEVER_IN_FORCE"),
                           ("rejected", "REJECTED"), ("ended", "ENDED")):
        if raw.startswith(prefix):
            return status
    raise ValueError(raw)


# A mandate whose recorded scope is consular only (Canada's in North Korea, "VCDR Art. 46 type")
# carries no diplomatic note; one that names messages, or no scope, does.
def carries_notes(scope):
    if not scope:
        return None
    s = scope.lower()
    consular_only = s.startswith("consular") and "message" not in s and "diplomatic" not in s
    return False if consular_only else None


mandates = []
for m in d["protecting_power_mandates"]:
    raw = m.get("status", "in_force")
    notes = carries_notes(m.get("scope"))
    mandates.append({
        "sending": m["sending_state"],
        "receiving": m["receiving_state"],
        "protectingPower": m["protecting_power"],
        "status": mandate_status(raw),
        "statusAsRecorded": raw if "status" in m else None,
        "since": str(m.get("since") or m.get("in_force") or m.get("signed") or m.get("negotiated") or "") or None,
        "scope": m.get("scope"),
        "confidence": m.get("confidence", "A"),
        "source": m.get("source", "FDFA protecting power mandates page (see domain.md 1.4)"),
        "kind": "PROTECTING_POWER",
        "carriesNotes": notes,
        "derivation": "; ".join(x for x in (
            None if "status" in m else "no status recorded: the dataset's excerpt lists it among the mandates in force",
            None if notes is None else "its scope is consular only, so it carries no diplomatic note") if x) or None,
    })
with open(os.path.join(world.SOURCES, "third-state-channels.json"), encoding="utf-8") as f:
    third = json.load(f)
for c in third["channels"]:
    mandates.append({
        "sending": c["sending"], "receiving": c["receiving"], "protectingPower": c["via"],
        "status": mandate_status(c["status"]), "statusAsRecorded": c["statusAsRecorded"], "since": c["since"],
        "scope": c["scope"], "confidence": c["confidence"], "source": c["source"], "kind": c["kind"],
        "carriesNotes": None,
        "derivation": "from domain.md sections 1.4-1.5, as copied in sources/third-state-channels.json",
    })
write("protecting-power", "mandates.json", {
    "about": "Third states' mandates. PROTECTING_POWER: the protecting power relays the sending state's notices "
             "through its interests section; MESSAGE_CHANNEL: it passes them straight to the receiving ministry; "
             "GOOD_OFFICES: a mediator passes them on, informally, only when the sender allows it. Only a mandate "
             "IN_FORCE carries notices, and none whose carriesNotes is false (a consular-only scope); "
             "NEVER_IN_FORCE, REJECTED (by the receiving state) and ENDED are kept as history.",
    "derivedFrom": ORIGIN + ", section 'protecting_power_mandates'; sources/third-state-channels.json",
    "mandates": mandates,
})

# --- notification regimes (foreign-ministry) ----------------------------------------------------
# The dataset records each regime in its own words; what a planner needs is read from them here,
# and every reading the dataset does not state outright is named in `derivation`.
OSCE = sorted(code for code, s in RESEARCHED.items() if s.get("osce_ps"))
REGIMES = {
    "BMLNA-1988": dict(name="Ballistic Missile Launch Notification Agreement (1988)", channel="HOTLINE",
                       hotline="US-RU-NRRC", leadTime="PT24H", inForce=True),
    "INCSEA-1972": dict(name="Incidents at Sea Agreement (1972)", channel="EMBASSY", leadTime="P3D", inForce=True,
                        derivation="lead time: the lower bound of the recorded 3 to 5 days; channel: incident "
                                   "information goes through naval attachés, who sit in the embassies; no status "
                                   "recorded: taken as in force"),
    "RU-CN-LAUNCH-2009": dict(name="Russia-China launch notification agreement (2009)", channel="EMBASSY",
                              inForce=True, derivation="no channel or lead time recorded: by embassy, no minimum; "
                                                       "in force to 2030-12-16 as extended"),
    "IN-PK-BM-2005": dict(name="India-Pakistan pre-notification of ballistic missile tests (2005)", channel="EMBASSY",
                          leadTime="P3D", inForce=True,
                          derivation="channel: Foreign Offices and High Commissions, i.e. by embassy (the NOTAM/NAVAREA "
                                     "warnings are outside Chancery); no status recorded: taken as in force"),
    "IN-PK-NUC-LIST": dict(name="India-Pakistan exchange of lists of nuclear installations (1988)", channel="EMBASSY",
                           inForce=True),
    "IN-PK-PRISONER-LIST": dict(name="India-Pakistan exchange of lists of prisoners (2008)", channel="EMBASSY",
                                inForce=True, derivation="no channel recorded: by embassy, as the nuclear lists"),
    "OPEN-SKIES": dict(name="Treaty on Open Skies (1992)", channel="EMBASSY", leadTime="PT72H", ackWindow="PT24H",
                       inForce=True, derivation="the States Parties are not listed in the dataset: no notice can be "
                                                "checked against them, so none is taken until they are"),
    "VIENNA-DOC-2011": dict(name="Vienna Document 2011 (OSCE CSBMs)", channel="EMBASSY", parties=OSCE,
                            ackWindow="PT48H", inForce=True,
                            derivation="parties: the researched OSCE participating States; channel: the OSCE "
                                       "Communications Network is not modelled, notes go by embassy; the 48 h reply "
                                       "to a Chapter III request is the acknowledgement window; the 42-day prior "
                                       "notification is unverified and not enforced"),
    "NEW-START": dict(name="New START (2010)", channel="EMBASSY", inForce=False,
                      derivation="Russia suspended it in February 2023 and it expired on 2026-02-05"),
    "LEADER-VISIT-DECONF": dict(name="Deconfliction notice of a leader's visit (practice)", channel="HOTLINE",
                                hotline="US-RU-EUCOM-NDMC", inForce=True,
                                subject="a leader's visit near the other's forces (e.g. to Kyiv, 20 Feb 2023)",
                                derivation="a practice, not a treaty: 'some hours before departure', no minimum; "
                                           "channel: the EUCOM-NDMC deconfliction line"),
}
regimes = []
for r in d["notification_regimes"]:
    reading = REGIMES[r["id"]]
    parties = reading.get("parties", r["parties"] if isinstance(r["parties"], list) else None)
    regimes.append({
        "id": r["id"], "name": reading["name"], "subject": reading.get("subject", r.get("subject")), "parties": parties,
        "partiesAsRecorded": None if isinstance(r["parties"], list) else r["parties"],
        "channel": reading["channel"], "hotline": reading.get("hotline"),
        "channelAsRecorded": r.get("channel"),
        "leadTime": reading.get("leadTime"), "ackWindow": reading.get("ackWindow"),
        "inForce": reading["inForce"], "status": r.get("status"),
        "derivation": reading.get("derivation"),
        "confidence": r["confidence"], "sources": r.get("sources", []),
    })
write("foreign-ministry", "regimes.json", {
    "about": "Notification regimes: agreements (and one practice) under which states notify each other. A "
             "notice under a regime goes by its channel first whatever its precedence; leadTime is the "
             "least time between the notice and the notified event (ISO 8601 duration); ackWindow the "
             "time the receipt is due within; parties null: not listed, so no notice can be checked.",
    "derivedFrom": ORIGIN + ", section 'notification_regimes'",
    "regimes": regimes,
})
