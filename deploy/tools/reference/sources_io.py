"""Reading the sources in sources/: tab-separated files, the research rows by id, and the grade of a source.

Every fact derive.py writes names its source and grade. The research files (sources/research/*.tsv)
give each row an id, a source, a date and a grade; the shared relation files give a source and no
grade, so their grade is read from the source itself (see `grade`).
"""
import csv
import os
import re

SOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sources")
RESEARCH = os.path.join(SOURCES, "research")


def tsv(name, folder=SOURCES):
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


class Research:
    """The research rows, by file and id: `cite("us-missions", "AFG-01", "AFG-02")`."""

    def __init__(self):
        self.rows = {}
        for name in sorted(os.listdir(RESEARCH)):
            rows = tsv(name, RESEARCH)
            if rows and "id" in rows[0]:
                self.rows[name[:-4]] = {r["id"]: r for r in rows}

    def row(self, file, row_id):
        row = self.rows[file].get(row_id)
        if row is None:
            raise KeyError(f"no research row {row_id} in {file}.tsv")
        if row["status"] == "UNRESOLVED":
            raise ValueError(f"research row {file}:{row_id} is unresolved: nothing can rest on it")
        return row

    def cite(self, file, *ids):
        """(source text, grade, newest date) of the rows named, each source with its publisher and date. A fact
        resting on several rows rests on each of them: it takes the weakest grade among them."""
        rows = [self.row(file, i) for i in ids]
        source = " ; ".join(f"{r['source_url']} ({r['source_publisher_and_date']}) [{file}:{r['id']}]" for r in rows)
        return source, max(r["grade"] for r in rows), max(_date(r["date"]) for r in rows)


def _date(text):
    """The newest date a text gives (2025-05-12, 2025-05, 2025); '' if it gives none."""
    found = re.findall(r"(?<!\d)(\d{4}(?:-[01]\d(?:-[0-3]\d)?)?)(?!\d)", text or "")
    return max(found, default="")


# Hosts whose pages are tertiary: wikis and their mirrors, blogs, aggregators and listicles.
TERTIARY = ("wiki", "blog", "wordpress", "ruetir.com", "opera.news", "pledgetimes", "evehow", "worldatlas",
            "statista", "sparkthread", "particlenews", "movatter.jp", "koryojournal", "freedomandtradition",
            "globalsouthworld", "thenationview", "mahnazmezon", "ticker.tv")
OFFICIAL = (".gov", "state.gov", "admin.ch", "mfa.", "mofa.", "un.org", "osce.org")


def grade(source):
    """The grade of one row's sources, which all state its one fact: A if any of them is an official site (or the
    Factbook), C if all are tertiary, else B."""
    hosts = re.findall(r"https?://([^/\s]+)", source or "")
    if not hosts:
        return "A" if source and "CIA World Factbook" in source else "C"
    if "CIA World Factbook" in source or any(any(o in h for o in OFFICIAL) for h in hosts):
        return "A"
    return "C" if all(any(t in h for t in TERTIARY) for h in hosts) else "B"


def year_of(text):
    """The date a fact took effect as far as its text says: '1977 (year unverified)' is 1977; 'never' sorts first."""
    return _date(text) or "0000"
