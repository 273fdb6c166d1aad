"""The world outside the researched dataset: every UN state, and the missions Wikidata lists.

Reads only deploy/reference/sources/ (see its README.md), so that derive.py runs from the
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


def _codes_by_name():
    codes = {}
    for e in iso_entries():
        for field in ("name", "common_name", "official_name"):
            if field in e:
                codes[e[field]] = e["alpha_3"]
    codes.update(WIKIDATA_NAMES)
    return codes


def wikidata_missions(states):
    """The listing's rows between two of `states`, as dicts with codes; and what was left out, counted."""
    codes = _codes_by_name()
    rows, skipped = [], {}
    with open(_source("missions-wikidata.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            operator, host = codes.get(row["operator"]), codes.get(row["country"])
            if operator not in states or host not in states or operator == host:
                why = (row["operator"] if operator not in states else row["country"] if host not in states
                       else "a mission in its own state")
                skipped[why] = skipped.get(why, 0) + 1
                continue
            served = [codes.get(n) for n in row["jurisdictions"].split("|") if n]
            rows.append({
                "sending": operator, "host": host, "city": row["city"] or None, "type": row["type"] or None,
                "qid": row["QID"],
                "alsoAccreditedTo": [c for c in served if c in states and c not in (operator, host)],
            })
    return rows, skipped
