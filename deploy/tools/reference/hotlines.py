"""Hotlines: the research dataset's lines, with the status their newest source gives and its date.

A status says what is known: UP (the newest source shows it working), NOT_ANSWERING (the far end does
not pick up), DORMANT (set aside, no use recorded), UNKNOWN (no source after an event that may have
ended it), DOWN; `statusAsOf` is the date of that source. A line whose calls are arranged ahead is
`scheduled`, and never a FLASH notice's first choice.
"""
from sources_io import RESEARCH, Research, tsv, year_of

LEVEL = {
    "head_of_government_text": "LEADERS", "head_of_state_voice": "LEADERS",
    "treaty_notification_GGCL": "TREATY_NOTIFICATION", "military_deconfliction": "DECONFLICTION",
    "senior_military_dialogue": "MILITARY", "defense_minister_secure_voice": "MILITARY",
    "defense_minister_voice": "MILITARY", "chiefs_of_general_staff": "MILITARY",
    "military_operations_voice": "MILITARY", "defense_authorities_voice": "MILITARY",
    "foreign_secretaries": "FOREIGN_MINISTRIES", "liaison_and_military_lines": "LIAISON",
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

# The status of each line as its newest source gives it: (status, what the source says, research rows).
# A line not named here has only the dataset's founding facts: UP as of the newest date they give.
STATUS = {
    "US-RU-DCL": ("UP", "the Kremlin said in March 2025 that the line remains in place", ("H17", "H18")),
    "US-RU-NRRC": ("UP", "Russia said in 2023 it keeps giving launch notifications under the 1988 agreement through "
                         "the centres; no source after the expiry of New START (2026-02-05)", ("R30", "R31")),
    "US-RU-SYR-DECONF": ("UNKNOWN", "last reported use on 2 Dec 2024, days before the fall of the Assad government; "
                                    "no source since", ("H01",)),
    "IL-RU-SYR-DECONF": ("DORMANT", "Israel stopped systematically warning Russia of strikes in Syria after Oct 2023; "
                                    "no source on the mechanism after Dec 2024", ("H03",)),
    "US-RU-EUCOM-NDMC": ("UP", "used once beyond tests by Nov 2022 and tested regularly; no newer source", ("H19",)),
    "US-RU-MILMIL-HIGH": ("UP", "re-established on 5 Feb 2026 after its suspension in the fall of 2021", ("H16",)),
    "US-CN-PRES": ("UP", "leaders' calls are arranged ahead (Trump-Xi, 19 Sep 2025); unanswered after the Belgrade "
                         "embassy bombing (May 1999) and the EP-3 incident (Apr 2001)", ("H07", "H05", "H06")),
    "US-CN-DTL": ("UP", "a call is requested and may take 48 h or more to be taken; defence ministers spoke over "
                        "video on 9 Sep 2025", ("H21", "H23")),
    "IN-PK-DGMO": ("UP", "used on 10 and 12 May 2025 for the ceasefire", ("H26", "H27")),
    "IN-PK-FS": ("UNKNOWN", "agreed in June 2004; no source shows it was built or works", ("H28", "H29")),
    "KR-KP-LIAISON": ("NOT_ANSWERING", "the North has not answered since 2023-04-07; still unanswered in Dec 2025",
                      ("H13", "H14")),
    "JP-CN-DEF": ("NOT_ANSWERING", "China did not answer it over the radar lock-on of 6 Dec 2025; no practical use "
                                   "since its first call in May 2023", ("H24", "H25")),
}
SCHEDULED = {"US-CN-PRES", "US-CN-DTL"}

# Where a deconfliction line deconflicts, read from what the dataset says of its founding.
THEATRES = {
    "US-RU-SYR-DECONF": (["SYR"], "2015 MOU on flight safety over Syria"),
    "IL-RU-SYR-DECONF": (["SYR"], "its Russian end is the aviation command centre at Hmeimim, Syria"),
    "US-RU-EUCOM-NDMC": (["UKR"], "set up between US EUCOM and Russia's NDMC on 1 Mar 2022, days into Russia's invasion "
                                  "of Ukraine"),
}


def derive(dataset):
    research = Research()
    lines = []
    for h in dataset["hotlines"]:
        established = h.get("established")
        if isinstance(established, dict):
            established = established.get("operational") or established.get("installed") or next(iter(established.values()))
        established = established or h.get("first_use") or h.get("contact_since")
        sources = list(h.get("sources", []))
        if h["id"] in STATUS:
            status, note, ids = STATUS[h["id"]]
            source, _, as_of = research.cite("regimes-hotlines", *ids)
            sources.append(source)
        else:
            status, note, as_of = "UP", "no interruption recorded; no source newer than its founding", \
                max(year_of(str(x)) for x in [established] + [next(iter(e.values())) for e in h.get("status_history", [])])
        lines.append(line(h["id"], NAMES[h["id"]], h["parties"], LEVEL[h["level"]], h["level"], status, note, as_of,
                          None if established is None else str(established),
                          h.get("reliability_note") or h.get("notes") or h.get("note"),
                          h.get("confidence", "A/B" if h["id"] in ("US-RU-DCL", "US-RU-NRRC") else "B"), sources))
    lines.append(unc_kpa(research))
    lines.append(osce_network(research))
    return lines


def line(id_, name, parties, level, level_as_recorded, status, note, as_of, established, about, confidence, sources):
    theatres, derivation = THEATRES.get(id_, (None, None))
    return {"id": id_, "name": name, "parties": parties, "level": level, "levelAsRecorded": level_as_recorded,
            "status": status, "statusNote": note, "statusAsOf": as_of, "established": established, "note": about,
            "confidence": confidence, "sources": sources, "theatres": theatres, "theatreDerivation": derivation,
            "scheduled": True if id_ in SCHEDULED else None}


def unc_kpa(research):
    """The United Nations Command's line to the Korean People's Army at Panmunjom: the US-led command's only
    standing link to the North's military."""
    source, grade, as_of = research.cite("regimes-hotlines", "H09", "H10", "H11", "H12")
    return line("UNC-KPA", "United Nations Command-KPA line at Panmunjom (the 'pink phone')", ["USA", "PRK"],
                "MILITARY", "armistice liaison line, UN Command (US-led) to the Korean People's Army", "UP",
                "checked twice a day; the KPA acknowledged a message in Aug 2023 and took messages without replying in "
                "Jul 2025", as_of, "1953 (Armistice)", "liaison officers of the UN Command and the KPA, about 40 m apart "
                "at Panmunjom", grade, [source])


def osce_network(research):
    """The OSCE Communications Network: the participating States' foreign ministries, any two of them."""
    source, grade, _ = research.cite("regimes-hotlines", "R06", "R07", "R08")
    members = [r["iso3"] for r in tsv("osce-participating.tsv", RESEARCH)]
    if len(members) != 57:
        raise ValueError(f"expected the 57 OSCE participating States, read {len(members)}")
    return line("OSCE-CN", "OSCE Communications Network", sorted(members), "TREATY_NOTIFICATION",
                "network of the participating States' foreign ministries for CSBM and arms control notifications", "UP",
                "24/7 between foreign ministries; carries Vienna Document, CFE and Open Skies notifications; 51 of the "
                "then 56 participating States were connected (State Dept, 2009-17); the sources do not say which were not; the "
                "pages that say it works are undated", None,
                "1991-01-01 (Vienna Document 1990)", "a network: it links any two of its parties", grade, [source])
