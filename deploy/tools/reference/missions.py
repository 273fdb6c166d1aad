"""Missions: who can hand a note to whose ministry, each with its status, source and grade.

Layers, the later winning for a pair:
1. the missions Wikidata lists (2022-11-16, grade C), read as world.py reads them;
2. the CIA World Factbook's final edition (January 2026, grade A) for the United States' missions and
   every state's mission in the United States;
3. the statuses sources/mission-status.tsv and the research rows give (suspended, closed, an affairs
   unit abroad, a non-resident accreditation);
4. the relations: where the two states keep no missions (severed, never established, not
   recognised, informal), neither has one for the other, whatever a listing still shows;
5. channels that are not a sender's own mission: the two states' embassies in a third capital where
   the research shows notes pass there, and every state's permanent mission to the UN in New York.
"""
import re

import world
from sources_io import Research, grade, tsv

WIKIDATA_AS_OF = "2022-11-16"
FACTBOOK = "CIA World Factbook, final edition (January 2026, public domain), via sources/factbook-us-representation.tsv: "
KEEP_MISSIONS = {"DIPLOMATIC", "DOWNGRADED"}

# sources/mission-status.tsv's statuses, read as the embassy's state.
STATUS = {"SUSPENDED_RELOCATED": "SUSPENDED", "SUSPENDED": "SUSPENDED", "CLOSED": "CLOSED", "NONE": "NONE",
          "REOPENING": "SUSPENDED"}

# What the research adds to a mission's status: (sending, host) -> (fields, research ids in us-missions or channels).
RESEARCHED = {
    ("USA", "YEM"): (dict(accreditedFrom="SAU", note="embassy in Sanaa suspended; the Yemen Affairs Unit works from "
                                                    "the US Embassy in Riyadh"), "us-missions", ("YEM-01", "YEM-03", "YEM-04")),
    ("USA", "LBY"): (dict(accreditedFrom="TUN", note="embassy in Tripoli suspended; the Libya External Office works "
                                                    "from the US Embassy in Tunis"), "us-missions", ("LBY-01", "LBY-02")),
    ("USA", "VEN"): (dict(resident=True, status="OPEN", since="2026-03",
                          note="the embassy in Caracas resumed operations in March 2026 after relations were restored"),
                     "us-missions", ("VEN-03", "VEN-04", "VEN-06")),
    ("ITA", "PRK"): (dict(resident=False, accreditedFrom="KOR", note="the embassy in Seoul is also accredited to the DPRK"),
                     "channels", ("5a",)),
    ("CAN", "GEO"): (dict(resident=False, accreditedFrom="TUR", note="the ambassador in Ankara is accredited to Georgia"),
                     "channels", ("5b", "5c")),
    ("ISR", "BOL"): (dict(resident=False, accreditedFrom="PER", since="2026-01-04",
                          note="the ambassador in Lima is non-resident ambassador to Bolivia"), "channels", ("5h",)),
}

# Notes that pass between the two states' embassies in a third capital: (sending, receiving) -> (capital, ids).
THIRD_CAPITALS = {
    ("JPN", "PRK"): ("CHN", ("1a", "1b", "1d", "1e", "1h")),
    ("PRK", "JPN"): ("CHN", ("1g",)),
    ("CHN", "BTN"): ("IND", ("2b", "2c")),
    ("BTN", "CHN"): ("IND", ("2b", "2d")),
    ("USA", "BTN"): ("IND", ("3b", "4g")),
    ("BTN", "USA"): ("IND", ("3a", "4g")),
    ("FRA", "BTN"): ("IND", ("4a", "4g")),
    ("BTN", "FRA"): ("IND", ("4a", "4g")),
    ("GBR", "BTN"): ("IND", ("4d", "4g")),
    ("BTN", "GBR"): ("IND", ("4d", "4g")),
    ("RUS", "BTN"): ("IND", ("4f", "4g")),
    ("BTN", "RUS"): ("IND", ("4f", "4g")),
}


# States whose ministry has no mission at the UN in New York, as far as the research goes.
WITHOUT_UN_MISSION = {
    "AFG": ("NONE", "the seat is held by the envoy of the former Republic; the government in Kabul has no mission at "
                    "the UN (its credentials deferred each year since 2021)", ("U16", "U17", "U20")),
    "MMR": ("NONE", "the seat is held by the envoy appointed before the 2021 coup; the military government has no "
                    "mission at the UN (its credentials deferred since 2021)", ("U09", "U10", "U14")),
    "PLW": ("CLOSED", "Palau's office in New York closed on 2020-09-01 for lack of funds; no source shows it reopened",
            ("U29",)),
}
FIELDS = ("sending", "host", "resident", "accreditedFrom", "thirdCapital", "status", "city", "since", "asOf", "note",
          "derivation", "confidence", "source")
UN_MISSION = re.compile(r"Permanent Representative to (the )?UN|Permanent Mission to the UN|Mission to the UN")


class Missions:
    def __init__(self, states):
        self.states = states
        self.research = Research()
        self.codes = world.codes_by_name()
        self.missions = {}
        self.listed = []
        wikidata, self.skipped = world.wikidata_missions(states)
        self._wikidata(wikidata)
        self._factbook()

    def _put(self, m):
        self.missions[(m["sending"], m["host"])] = m

    def _list(self, m, what):
        self.listed.append({"sending": m["sending"], "host": m["host"], "asOf": m["asOf"],
                            "confidence": m["confidence"], "source": m["source"], "what": what})

    def _wikidata(self, rows):
        for row in sorted(rows, key=lambda r: not r["resident"]):
            key = (row["sending"], row["host"])
            if key in self.missions and (self.missions[key]["resident"] or not row["resident"]):
                continue
            m = {"sending": row["sending"], "host": row["host"], "resident": row["resident"],
                 "accreditedFrom": row["accreditedFrom"], "city": row["city"], "asOf": WIKIDATA_AS_OF,
                 "note": row["type"] if row["resident"] else "non-resident: the " + (row["type"] or "mission") + " in "
                 + (row["city"] or row["accreditedFrom"]) + " is also accredited here",
                 "derivation": row["derivation"], "confidence": "C", "source": "Wikidata " + row["qid"]}
            self._put(m)
            self._list(m, f"{m['sending']}'s {row['type'] or 'mission'} {'in' if row['resident'] else 'for'} {m['host']}, "
                          f"listed {WIKIDATA_AS_OF}")

    def _factbook(self):
        for r in tsv("factbook-us-representation.tsv"):
            state = r["iso3"]
            if state not in self.states or state == "USA":
                continue
            source = FACTBOOK + r["factbook_file"]
            out, into = r["us_mission_status"], r["in_us_status"]
            if out == "RESIDENT":
                self._from_factbook("USA", state, True, None, "embassy", source)
            elif out == "NONRESIDENT":
                seat = self.codes[r["us_nonresident_via"]]
                self._from_factbook("USA", state, False, seat, r["us_mission_text"], source)
            elif out.startswith("SUSPENDED"):
                # A suspended embassy still has its chief of mission: evidence of relations; its status comes later.
                self._list({"sending": "USA", "host": state, "asOf": "2026-01", "confidence": "A", "source": source},
                           f"USA's mission to {state}, its operations suspended (Factbook 2026-01)")
            if into == "RESIDENT":
                self._from_factbook(state, "USA", True, None, "embassy", source)
            elif into in ("NONE_OR_CLOSED", "INTERESTS_SECTION"):
                self._put({"sending": state, "host": "USA", "resident": False, "status": "CLOSED",
                           "asOf": "2026-01", "note": r["in_us_text"] or "no embassy in the United States",
                           "confidence": "A", "source": source})

    def _from_factbook(self, sending, host, resident, seat, note, source):
        m = {"sending": sending, "host": host, "resident": resident, "accreditedFrom": seat, "asOf": "2026-01",
             "note": note, "confidence": "A", "source": source}
        self._put(m)
        self._list(m, f"{sending}'s {'embassy in' if resident else 'mission accredited to'} {host}, Factbook 2026-01")

    def statuses(self):
        """Layer 3: the statuses of sources/mission-status.tsv, then what the research adds."""
        for r in tsv("mission-status.tsv"):
            key = (r["sending"], r["host"])
            current = self.missions.get(key, {"sending": key[0], "host": key[1]})
            # A reopening is not yet an embassy that hands notes over; its date is the reopening's, in the note.
            reopening = r["status"] == "REOPENING"
            self._put({**current, "resident": False, "accreditedFrom": None, "status": STATUS[r["status"]],
                       "since": None if reopening else r["since"] or None, "asOf": None, "note": r["note"],
                       "derivation": None, "confidence": grade(r["source"]),
                       "source": "mission-status.tsv: " + r["source"]})
        for key, (fields, file, ids) in RESEARCHED.items():
            source, g, on = self.research.cite(file, *ids)
            current = self.missions.get(key, {"sending": key[0], "host": key[1], "resident": False})
            self._put({**current, **fields, "asOf": on, "confidence": g, "source": source, "derivation": None})

    def close_where_relations_keep_none(self, relations):
        """Layer 4: no mission between states that keep none, with the relation's words and source."""
        for r in relations:
            if r["status"] in KEEP_MISSIONS:
                continue
            a, b = r["states"]
            for sending, host in ((a, b), (b, a)):
                listed = self.missions.get((sending, host))
                note = "no mission: relations " + r["status"].lower().replace("_", " ") + (
                    " since " + r["since"] if r.get("since") and r["since"] != "never" else "")
                self._put({"sending": sending, "host": host, "resident": False, "status": "NONE",
                           "since": r.get("since"), "asOf": r.get("asOf"),
                           "note": note + (" (a mission listed by " + listed["source"] + " is not used)"
                                           if listed and listed.get("resident") else ""),
                           "confidence": r["grade"], "source": r["source"]})

    def third_capitals(self):
        """Layer 5: where notes pass between the two states' embassies in a third capital."""
        for (sending, receiving), (capital, ids) in THIRD_CAPITALS.items():
            for state in (sending, receiving):
                seated = self.missions.get((state, capital))
                if not seated or not seated["resident"]:
                    raise ValueError(f"{sending}>{receiving} by {capital}: {state} has no embassy listed there")
            source, g, on = self.research.cite("channels", *ids)
            current = self.missions.get((sending, receiving), {"sending": sending, "host": receiving, "resident": False})
            self._put({**current, "thirdCapital": capital, "asOf": on, "confidence": g, "source": source,
                       "note": (current.get("note") + "; " if current.get("note") else "")
                       + "notes pass between the two embassies in " + capital})

    def permanent_missions(self):
        """Every state's permanent (or observer) mission to the UN in New York, host UN, as far as the sources go:
        the Factbook or a research row where either names it; otherwise the UN's Blue Book, the list of missions at
        Headquarters, read as holding one. Where the seat is held by the envoy of a government that does not
        control the capital, the government in control has no mission there."""
        blue_book, _, _ = self.research.cite("un-missions", "U01", "U02")
        named = {"VAT": ("U07",), "PSE": ("U08",), "TUV": ("U26",), "NRU": ("U27",), "MHL": ("U28",), "KIR": ("U30",)}
        factbook = {r["iso3"]: FACTBOOK + r["factbook_file"] for r in tsv("factbook-us-representation.tsv")
                    if UN_MISSION.search(r["in_us_text"])}
        for state in sorted(self.states):
            kind = "permanent observer mission" if state in ("VAT", "PSE") else "permanent mission"
            m = {"sending": state, "host": "UN", "resident": True, "city": "New York",
                 "note": kind + " to the United Nations"}
            if state in WITHOUT_UN_MISSION:
                status, note, ids = WITHOUT_UN_MISSION[state]
                source, g, on = self.research.cite("un-missions", *ids)
                m.update(resident=False, status=status, note=note, asOf=on, confidence=g, source=source)
            elif state in named:
                source, g, on = self.research.cite("un-missions", *named[state])
                m.update(asOf=on, confidence=g, source=source)
            elif state in factbook:
                m.update(asOf="2026-01", confidence="A", source=factbook[state])
            else:
                m.update(confidence="C", source=blue_book,
                         derivation="read as keeping a permanent mission at UN Headquarters: the Blue Book is the "
                                    "list of them, but no source here names this state's mission (graded C for that)")
            self._put(m)

    def all(self):
        return [{k: m[k] for k in FIELDS if m.get(k) not in (None, "")}
                for m in sorted(self.missions.values(), key=lambda m: (m["sending"], m["host"]))]
