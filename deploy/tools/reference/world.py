"""The world outside the researched dataset: every UN state, and the missions Wikidata lists.

Reads only deploy/tools/reference/sources/ (see its README.md), so that derive.py runs from the
repository alone.
"""
import csv
import json
import os

SOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sources")

# Names the Wikidata listing uses for a state where ISO 3166-1 (iso-codes) has another.
WIKIDATA_NAMES = {
    "Russia": "RUS", "Turkey": "TUR", "Republic of Ireland": "IRL", "Vatican": "VAT", "Vatican City": "VAT",
    "Holy See": "VAT", "Ivory Coast": "CIV", "Democratic Republic of the Congo": "COD", "Palestine": "PSE",
    "State of Palestine": "PSE", "Brunei": "BRN", "Cape Verde": "CPV", "East Timor": "TLS",
    "The Bahamas": "BHS", "The Gambia": "GMB", "São Tomé and Príncipe": "STP",
}

# Short English names where ISO's name is inverted ("Congo, The Democratic Republic of the").
SHORT_NAMES = {"COD": "Democratic Republic of the Congo", "FSM": "Micronesia", "PSE": "Palestine",
               "VAT": "Holy See", "RUS": "Russia", "BRN": "Brunei"}


def _source(name):
    return os.path.join(SOURCES, name)


def un_states():
    """{code: (status, UN name)} for the 193 members and the 2 observer states, checked against ISO."""
    iso = {e["alpha_3"] for e in iso_entries()}
    states = {}
    with open(_source("un-members.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    for code, status, name in rows[1:]:
        if code not in iso:
            raise ValueError(code + " is not an ISO 3166-1 alpha-3 code")
        states[code] = (status, name)
    members = sum(1 for status, _ in states.values() if status == "member")
    observers = sum(1 for status, _ in states.values() if status == "observer")
    if (members, observers) != (193, 2):
        raise ValueError(f"expected 193 members and 2 observers, read {members} and {observers}")
    return states


def iso_entries():
    with open(_source("iso_3166-1.json"), encoding="utf-8") as f:
        return json.load(f)["3166-1"]


def english_names():
    """{code: short English name}: ISO's common name where it has one, else its name."""
    names = {e["alpha_3"]: e.get("common_name", e["name"]) for e in iso_entries()}
    names.update(SHORT_NAMES)
    return names


def codes_by_name():
    codes = {}
    for e in iso_entries():
        for field in ("name", "common_name", "official_name"):
            if field in e:
                codes[e[field]] = e["alpha_3"]
    codes.update(WIKIDATA_NAMES)
    return codes


def wikidata_missions(states):
    """The listing's missions between two of `states`, one dict per (sending, host) pair a row gives, and
    what was left out, counted.

    A row's `country` is where the mission sits, and its `jurisdictions` the states it is accredited to.
    Three readings correct the listing where it says something else than it means:
    - a row listed in its operator's own state (Australia's 25 embassies, Qatar's in Conakry) sits in
      the state that the other rows put its city in;
    - a mission in Rome accredited to the Holy See and not to Italy is an embassy to the Holy See
      (embassies to the Holy See sit in Rome: Lateran Treaty, Art. 12), resident there;
    - any other mission whose jurisdictions leave out the state it sits in is a mission to those
      states seated abroad (Canada's embassy to Libya in Tunis, the Netherlands' to Yemen in Amman),
      not a mission to its host.
    """
    codes = codes_by_name()
    listing = list(_listing())
    cities = _states_of_cities(listing, codes)
    rows, skipped = [], {}

    def skip(why):
        skipped[why] = skipped.get(why, 0) + 1

    for row in listing:
        operator = codes.get(row["operator"])
        if operator not in states:
            skip(row["operator"])
            continue
        seat, placed = codes.get(row["country"]), None
        if seat == operator:
            seat = cities.get(row["city"])
            placed = "listed in its own state; placed where the listing puts " + str(row["city"]) + ": " + str(seat)
            if seat is None:
                skip("a mission in its own state, no city to place it by")
                continue
        if seat not in states:
            skip(row["country"])
            continue
        served = [c for c in (codes.get(n) for n in row["jurisdictions"].split("|") if n)
                  if c in states and c != operator]
        mission = {"sending": operator, "city": row["city"] or None, "type": row["type"] or None, "qid": row["QID"]}
        if seat == "ITA" and "VAT" in served and "ITA" not in served:
            principal, others, reading = "VAT", [c for c in served if c != "VAT"], "an embassy to the Holy See, in Rome"
        elif served and seat not in served:
            principal, others, reading = None, served, "accredited to " + ", ".join(served) + " from its seat in " + seat
        else:
            principal, others, reading = seat, [c for c in served if c != seat], None
        derivation = "; ".join(x for x in (placed, reading) if x) or None
        if principal:
            rows.append(dict(mission, host=principal, resident=True, accreditedFrom=None, derivation=derivation))
        for host in others:
            rows.append(dict(mission, host=host, resident=False, accreditedFrom=seat if principal != "VAT" else "VAT",
                             derivation=derivation))
    return rows, skipped


def _listing():
    with open(_source("missions-wikidata.tsv"), encoding="utf-8") as f:
        yield from csv.DictReader(f, delimiter="\t")


def _states_of_cities(listing, codes):
    """{city: the state most rows of the listing put it in}, from rows not listed in their operator's state."""
    counts = {}
    for row in listing:
        seat = codes.get(row["country"])
        if row["city"] and seat and seat != codes.get(row["operator"]):
            by_state = counts.setdefault(row["city"], {})
            by_state[seat] = by_state.get(seat, 0) + 1
    return {city: max(by_state, key=by_state.get) for city, by_state in counts.items()}
