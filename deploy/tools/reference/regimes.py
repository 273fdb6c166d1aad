"""Notification regimes: what a planner needs, read from the research dataset's words and the research rows.

Every reading the sources do not state outright is named in `derivation`; `caution` says what puts a
regime in doubt; `withdrawals` who left it and when. No regime forbids a late notification: under one
with a lead time, a notice given late is sent and marked late (the sources ask "at least" so long
ahead; research rows R28, R29).
"""
from sources_io import RESEARCH, Research, tsv

OSCE_NETWORK = "OSCE-CN"

REGIMES = {
    "BMLNA-1988": dict(name="Ballistic Missile Launch Notification Agreement (1988)", channel="HOTLINE",
                       hotline="US-RU-NRRC", leadTime="PT24H", inForce=True, cites=("R28", "R30", "R31"),
                       caution="no source confirms notifications after the expiry of New START (2026-02-05)"),
    "INCSEA-1972": dict(name="Incidents at Sea Agreement (1972)", channel="EMBASSY", inForce=True,
                        cites=("R17", "R18", "R19", "R20"),
                        derivation="no lead time: the 3 to 5 days of Art. VI are for warnings to mariners and airmen "
                                   "(NOTAM, NOTMAR), outside Chancery; incident information goes through the naval "
                                   "attachés, who sit in the embassies",
                        caution="the last annual review found was held in Moscow on 2021-05-25; none is recorded since"),
    "RU-CN-LAUNCH-2009": dict(name="Russia-China launch notification agreement (2009)", channel="EMBASSY",
                              inForce=True, derivation="no channel or lead time recorded: by embassy, no minimum; "
                                                       "in force to 2030-12-16 as extended"),
    "IN-PK-BM-2005": dict(name="India-Pakistan pre-notification of ballistic missile tests (2005)", channel="EMBASSY",
                          leadTime="P3D", inForce=True, cites=("R22", "R23", "R24", "R25"),
                          derivation="channel: Foreign Offices and High Commissions, i.e. by embassy (the NOTAM/NAVAREA "
                                     "warnings are outside Chancery)",
                          caution="in doubt since 2025-04-24, when Pakistan said it would exercise the right to hold "
                                  "all bilateral agreements with India in abeyance; Pakistan still gave notice of its "
                                  "3 May 2025 test"),
    "IN-PK-NUC-LIST": dict(name="India-Pakistan exchange of lists of nuclear installations (1988)", channel="EMBASSY",
                           inForce=True, cites=("R27",)),
    "IN-PK-PRISONER-LIST": dict(name="India-Pakistan exchange of lists of prisoners (2008)", channel="EMBASSY",
                                inForce=True, derivation="no channel recorded: by embassy, as the nuclear lists"),
    "OPEN-SKIES": dict(name="Treaty on Open Skies (1992)", channel="HOTLINE", hotline=OSCE_NETWORK, leadTime="PT72H",
                       ackWindow="PT24H", inForce=True, parties="open-skies-parties.tsv",
                       cites=("R07", "R10", "R12", "R13", "R14", "R15"),
                       derivation="parties: the 32 States Parties osce.org lists; channel: the OSCE Communications "
                                  "Network, which carries Open Skies notifications (German Foreign Office), the embassy "
                                  "after it",
                       caution="Georgia has not applied the Treaty towards Russia since April 2012 (Russia has left "
                               "since)"),
    "VIENNA-DOC-2011": dict(name="Vienna Document 2011 (OSCE CSBMs)", channel="HOTLINE", hotline=OSCE_NETWORK,
                            ackWindow="PT48H", inForce=True, parties="osce-participating.tsv",
                            cites=("R01", "R04", "R05", "R06", "R07"),
                            derivation="parties: the 57 OSCE participating States; channel: the OSCE Communications "
                                       "Network, made for Vienna Document notifications (the paragraph of the 2011 "
                                       "text that names it was not found); the 48 h reply to a Chapter III request "
                                       "is the acknowledgement window; the 42-day prior notification is unverified "
                                       "and not enforced"),
    "NEW-START": dict(name="New START (2010)", channel="EMBASSY", inForce=False,
                      derivation="Russia suspended it in February 2023 and it expired on 2026-02-05"),
    "LEADER-VISIT-DECONF": dict(name="Deconfliction notice of a leader's visit (practice)", channel="HOTLINE",
                                hotline="US-RU-EUCOM-NDMC", inForce=True,
                                subject="a leader's visit near the other's forces (e.g. to Kyiv, 20 Feb 2023)",
                                derivation="a practice, not a treaty: 'some hours before departure', no minimum; "
                                           "channel: the EUCOM-NDMC deconfliction line"),
}


def derive(dataset):
    research = Research()
    regimes = []
    for r in dataset["notification_regimes"]:
        reading = REGIMES[r["id"]]
        sources = list(r.get("sources", []))
        confidence = r["confidence"]
        if "cites" in reading:
            cited, _, _ = research.cite("regimes-hotlines", *reading["cites"])
            sources.append(cited)
        parties, withdrawals = r["parties"] if isinstance(r["parties"], list) else None, None
        if "parties" in reading:
            parties, withdrawals = members(reading["parties"])
        regimes.append({k: v for k, v in {
            "id": r["id"], "name": reading["name"], "subject": reading.get("subject", r.get("subject")),
            "parties": parties, "partiesAsRecorded": None if isinstance(r["parties"], list) else r["parties"],
            "withdrawals": withdrawals, "channel": reading["channel"], "hotline": reading.get("hotline"),
            "channelAsRecorded": r.get("channel"), "leadTime": reading.get("leadTime"),
            "ackWindow": reading.get("ackWindow"), "inForce": reading["inForce"], "status": r.get("status"),
            "caution": reading.get("caution"), "derivation": reading.get("derivation"), "confidence": confidence,
            "sources": sources}.items() if v is not None})
    return regimes


def members(file):
    """The parties a research list names, and those it records as withdrawn, with the date and source."""
    rows = tsv(file, RESEARCH)
    parties = sorted(r["iso3"] for r in rows if r["status"] in ("PARTY", "PARTICIPATING"))
    withdrawals = [{"state": r["iso3"], "on": r["date"], "source": r["source_url"], "grade": r["grade"]}
                   for r in rows if r["status"] == "WITHDRAWN"]
    return parties, withdrawals or None
