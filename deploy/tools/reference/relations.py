"""Relations between pairs of states as dated facts, each with its source and grade.

Nothing is assumed. A pair's relation is what its sources say, the newest fact deciding:
- the sourced exceptions (sources/no-relations.tsv, no-relations-resolved.tsv, the research dataset's
  relation_exceptions for pairs the newer files do not name, the research rows below);
- else a mission of either state listed for the other (Wikidata 2022-11, the CIA World Factbook
  2026-01): evidence of diplomatic relations as of its listing;
- else nothing: the pair is not written, and the ministry answers UNKNOWN for it.
Recognition is kept apart: a state that does not recognise the other (Israel by 28 UN members,
Palestine by 35, the People's Republic by Taipei's 12 allies, Cyprus by Türkiye, the two Koreas
each other) makes the relation NOT_RECOGNISED, whatever else its history holds.
"""
import re

from sources_io import RESEARCH, Research, grade, tsv, year_of

RESOLVED = {"NONE": "NONE", "SEVERED": "SEVERED", "SUSPENDED": "SUSPENDED", "ESTABLISHED": "DIPLOMATIC",
         "RESTORED": "DIPLOMATIC", "RESTORED_THEN_SEVERED": "DIPLOMATIC"}
DATASET = {"no_relations": "NONE", "never_established": "NONE", "no_full_relations": "NONE",
           "no_formal_relations": "NONE", "special_no_diplomatic_relations": "NONE", "severed": "SEVERED",
           "severed_normalizing": "SEVERED", "relations_downgraded": "DOWNGRADED", "restored": "DIPLOMATIC"}

# Bhutan and the permanent five: no formal relations, informal contact (mostly through New Delhi).
INFORMAL = {("BTN", "USA"): ("3b", "3d"), ("BTN", "FRA"): ("4a", "4b"), ("BTN", "GBR"): ("4c", "4d"),
            ("BTN", "RUS"): ("4f", "4g"), ("BTN", "CHN"): ("2a", "2b")}

# Non-recognition the relation files state in a row's note rather than in a column: the state named first
# does not recognise the second.
NOT_RECOGNISING = {("TUR", "CYP"): "CYP-TUR: 'Turkey recognises only the TRNC'",
                   ("KOR", "PRK"): "KOR-PRK: 'mutual non-recognition'",
                   ("PRK", "KOR"): "KOR-PRK: 'mutual non-recognition'"}
NOT_RECOGNISING_ISRAEL = re.compile(r"never recognised Israel|withdrew/never formalised recognition")


def pair(a, b):
    return tuple(sorted((a, b)))


class Relations:
    def __init__(self, states, dataset, listed_missions):
        self.states = states
        self.research = Research()
        self.facts = {}          # pair -> [fact], each fact a dict with "on" for ordering
        self.not_recognised = {}  # (state, other) -> (why, source, grade)
        self._exceptions(dataset)
        self._informal()
        self._recognition()
        self._evidence(listed_missions)

    def _add(self, a, b, status, on, note, grade_, source, event=None):
        if a not in self.states or b not in self.states:
            raise ValueError(f"{a}-{b}: not a pair of UN states")
        self.facts.setdefault(pair(a, b), []).append(
            {"on": on, "event": event or status, "status": status, "note": note or None, "grade": grade_,
             "source": source})

    def _exceptions(self, dataset):
        named = set()
        for r in tsv("no-relations.tsv"):
            named.add(pair(r["a"], r["b"]))
            self._add(r["a"], r["b"], r["status"], r["since"], r["note"], grade(r["source"]),
                      "no-relations.tsv: " + r["source"])
        for r in tsv("no-relations-resolved.tsv"):
            named.add(pair(r["a"], r["b"]))
            self._add(r["a"], r["b"], RESOLVED[r["status"]], r["date"], r["note"], grade(r["source"]),
                      "no-relations-resolved.tsv: " + r["source"], event=r["status"])
        for e in dataset["relation_exceptions"]:
            a, b = e["pair"]
            if pair(a, b) in named:
                continue
            since = e.get("since", e.get("restored"))
            status = DATASET[e["status"]]
            on = str(since) if since is not None else "never" if status == "NONE" else ""
            self._add(a, b, status, on, e.get("note"),
                      e["confidence"], "reference-dataset.json relation_exceptions: " + e["source"],
                      event=e["status"].upper())

    def _informal(self):
        for (a, b), ids in INFORMAL.items():
            source, g, as_of = self.research.cite("channels", *ids)
            self._add(a, b, "INFORMAL", "never", f"never established formally; informal contact (as of {as_of})", g,
                      source)

    def _recognition(self):
        for r in tsv("no-relations.tsv"):
            if "ISR" in (r["a"], r["b"]) and NOT_RECOGNISING_ISRAEL.search(r["note"]):
                other = r["b"] if r["a"] == "ISR" else r["a"]
                self._not_recognising(other, "ISR", r["note"], "no-relations.tsv: " + r["source"], grade(r["source"]))
        for (a, b), why in NOT_RECOGNISING.items():
            row = next(r for r in tsv("no-relations.tsv") if pair(r["a"], r["b"]) == pair(a, b))
            self._not_recognising(a, b, why, "no-relations.tsv: " + row["source"], grade(row["source"]))
        for r in tsv("recognition.tsv"):
            if r["entity"] == "TWN" and r["recognises"] == "Y":
                self._not_recognising(r["state"], "CHN", "recognises the Republic of China (Taiwan) as China",
                                      "recognition.tsv: " + r["source"], grade(r["source"]))
        for r in tsv("palestine-recognition.tsv", RESEARCH):
            if r["recognises"] == "N":
                self._not_recognising(r["iso3"], "PSE", r["note"] or "does not recognise the State of Palestine",
                                      "research/palestine-recognition.tsv: " + r["source_url"], r["grade"])

    def _not_recognising(self, state, other, why, source, grade_):
        self.not_recognised[(state, other)] = {"state": state, "doesNotRecognise": other, "why": why,
                                               "grade": grade_, "source": source}

    def _evidence(self, listed):
        """The newest mission listed between the two, either way: evidence of relations as of its listing."""
        self.evidence = {}
        for m in sorted(listed, key=lambda m: (m["asOf"], m["confidence"] == "A")):
            self.evidence[pair(m["sending"], m["host"])] = m

    def relation(self, key):
        """The relation of a pair as its facts give it; None if no source speaks of it."""
        # The newest fact decides; of two on the same date, the one read later (the more specific source).
        facts = sorted(self.facts.get(key, []), key=lambda f: year_of(f["on"]))
        refusals = [self.not_recognised[(s, o)] for s, o in ((key[0], key[1]), (key[1], key[0]))
                    if (s, o) in self.not_recognised]
        evidence = self.evidence.get(key)
        history = [{k: v for k, v in f.items() if v is not None and k != "status"} for f in facts]
        if refusals:
            first = refusals[0]
            relation = {"status": "NOT_RECOGNISED", "notRecognisedBy": [r["state"] for r in refusals],
                        "note": "; ".join(f"{r['state']} does not recognise {r['doesNotRecognise']}: {r['why']}"
                                          for r in refusals), "grade": first["grade"], "source": first["source"]}
        elif facts:
            last = facts[-1]
            relation = {"status": last["status"], "since": last["on"] or None, "note": last["note"],
                        "grade": last["grade"], "source": last["source"]}
        elif evidence:
            relation = {"status": "DIPLOMATIC", "asOf": evidence["asOf"],
                        "note": "evidenced by a mission: " + evidence["what"], "grade": evidence["confidence"],
                        "source": evidence["source"]}
        else:
            return None
        if history:
            relation["history"] = history
        return {"states": list(key), **{k: v for k, v in relation.items() if v is not None}}

    def all(self):
        keys = set(self.facts) | set(self.evidence) | {pair(s, o) for s, o in self.not_recognised}
        return [r for r in (self.relation(k) for k in sorted(keys)) if r is not None]



def check_stale(relations):
    """Every pair sources/stale-wikidata-pairs.tsv names (a mission still listed though relations ended) must
    have ended relations here too."""
    by_pair = {tuple(r["states"]): r["status"] for r in relations}
    for r in tsv("stale-wikidata-pairs.tsv"):
        status = by_pair.get(pair(r["a"], r["b"]))
        if status in (None, "DIPLOMATIC", "DOWNGRADED"):
            raise ValueError(f"{r['a']}-{r['b']} is {status}, but stale-wikidata-pairs.tsv says {r['status']}")
