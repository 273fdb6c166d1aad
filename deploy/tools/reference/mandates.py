"""Third states' mandates: protecting powers, message channels and good offices, each with its source.

From the research dataset's mandates and extended mandates, sources/third-state-channels.json and the
research rows named below. A mandate whose scope is consular only carries no diplomatic note.
"""
import json
import os

from sources_io import SOURCES, Research


def status_of(raw):
    raw = str(raw)
    for prefix, status in (("in_force", "IN_FORCE"), ("never_in_force", "NEVER_IN_FORCE"),
                           ("rejected", "REJECTED"), ("ended", "ENDED")):
        if raw.startswith(prefix):
            return status
    raise ValueError(raw)


def carries_notes(scope):
    """False where the recorded scope is consular only (Canada's in North Korea, "VCDR Art. 46 type")."""
    if not scope:
        return None
    s = scope.lower()
    consular_only = s.startswith("consular") and "message" not in s and "diplomatic" not in s
    return False if consular_only else None


# Mandates the research adds, or whose scope it reads anew: research rows of us-missions or channels.
RESEARCHED = [
    dict(sending="USA", receiving="AFG", protectingPower="QAT", kind="PROTECTING_POWER", since="2021-12-31",
         scope="a US interests section in Qatar's embassy in Kabul: consular services and routine official "
               "communications between Washington and the government in Kabul",
         statusAsRecorded="signed 2021-11-12, in effect 2021-12-31; the Afghanistan Affairs Unit works from Doha "
                          "(2025-08-27)", cites=("us-missions", "AFG-01", "AFG-02", "AFG-05")),
    dict(sending="AFG", receiving="USA", protectingPower="QAT", kind="MESSAGE_CHANNEL", since="2021-12-31",
         scope="Qatar facilitates formal communication between the government in Kabul and Washington; the Taliban's "
               "political office in Doha is their link (the Afghan embassy in Washington closed in March 2022)",
         statusAsRecorded="in use", cites=("us-missions", "AFG-02", "AFG-12", "AFG-09")),
    dict(sending="USA", receiving="SYR", protectingPower="CZE", kind="PROTECTING_POWER", since="2012-08",
         scope="the US interests section of the Czech embassy in Damascus",
         statusAsRecorded="Czech staff withdrawn 2024-12-08, back over Christmas 2024; the United States asked Czechia "
                          "to go on as its protecting power", cites=("us-missions", "SYR-01", "SYR-02", "SYR-03")),
    dict(sending="MEX", receiving="PER", protectingPower="BRA", kind="PROTECTING_POWER", since="2026-01-25",
         scope="Brazil represents Mexico's diplomatic interests in Peru (VCDR Art. 45(b),(c))",
         statusAsRecorded="in force since 2026-01-25", cites=("channels", "8j")),
]
# Mandates the sources describe as consular only: Iran's interests section in Washington under Pakistan, and
# Sweden's for the United States in North Korea (the New York channel carries the notes: research 7d, 7e).
CONSULAR_ONLY = {
    ("IRN", "USA", "PAK"): (("us-missions", "IRN-10"), "the research describes the section as Iran's consular "
                            "representation (passports, visas, civil registration)"),
    ("USA", "PRK", "SWE"): (("channels", "7d", "7e"), "the CIA World Factbook (Jan 2026, kn.json): 'the Swedish Embassy "
                            "in Pyongyang represents the US as consular protecting power'; messages go by the New York "
                            "channel, the DPRK's formal point of contact"),
}
# The Swiss channel from Iran to the United States, with the research's newer sources.
SWISS_CHANNEL = ("us-missions", "IRN-02", "IRN-03", "IRN-09")


def derive(dataset):
    research = Research()
    mandates = []
    for m in dataset["protecting_power_mandates"]:
        raw = m.get("status", "in_force")
        key = (m["sending_state"], m["receiving_state"], m["protecting_power"])
        scope, source, confidence = m.get("scope"), m.get("source", "FDFA protecting power mandates page (see domain.md 1.4)"), m.get("confidence", "A")
        notes = carries_notes(scope)
        derivation = [None if "status" in m else "no status recorded: the dataset's excerpt lists it among the mandates in force",
                      None if notes is None else "its scope is consular only, so it carries no diplomatic note"]
        if key in CONSULAR_ONLY:
            rows, reading = CONSULAR_ONLY[key]
            notes, source = False, source + " ; " + research.cite(*rows)[0]
            derivation.append(reading + ": it carries no diplomatic note")
        mandates.append({
            "sending": key[0], "receiving": key[1], "protectingPower": key[2], "status": status_of(raw),
            "statusAsRecorded": raw if "status" in m else None,
            "since": str(m.get("since") or m.get("in_force") or m.get("signed") or m.get("negotiated") or "") or None,
            "scope": scope, "confidence": confidence, "source": source, "kind": "PROTECTING_POWER",
            "carriesNotes": notes, "derivation": "; ".join(x for x in derivation if x) or None})
    for m in RESEARCHED:
        source, grade, _ = research.cite(*m["cites"])
        mandates.append({**{k: v for k, v in m.items() if k != "cites"}, "status": "IN_FORCE", "confidence": grade,
                         "source": source, "derivation": "from the research rows named in its source"})
    with open(os.path.join(SOURCES, "third-state-channels.json"), encoding="utf-8") as f:
        third = json.load(f)
    for c in third["channels"]:
        source = c["source"]
        if (c["sending"], c["receiving"], c["via"], c["kind"]) == ("IRN", "USA", "CHE", "MESSAGE_CHANNEL"):
            source += " ; " + research.cite(*SWISS_CHANNEL)[0]
        mandates.append({
            "sending": c["sending"], "receiving": c["receiving"], "protectingPower": c["via"],
            "status": status_of(c["status"]), "statusAsRecorded": c["statusAsRecorded"], "since": c["since"],
            "scope": c["scope"], "confidence": c["confidence"], "source": source, "kind": c["kind"],
            "derivation": "from domain.md sections 1.4-1.5, as copied in sources/third-state-channels.json"})
    return [{k: v for k, v in m.items() if v is not None} for m in mandates]
