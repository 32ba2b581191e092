"""Read FDA's list of CDER accelerated approvals ("CDER Drug and Biologic Accelerated Approvals
Based on a Surrogate Endpoint"), as text extracted from the PDF with ``pdftotext -layout``.

The list is a wide table laid out for print: one approval per row, whose cells wrap over several
lines. Every row has one line with the received date, the accelerated approval date and the
months between them; the brand and established name stand at the start of that line, the
application number ("NDA 214383") on it or a few lines above, and the conversion or withdrawal
status at its end ("Withdrawn 2/23/2024"), with "Not Converted - Application" or "- Indication"
just above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path


class AcceleratedListError(Exception):
    """Not the accelerated-approvals list, or not readable; str() says which file and why."""


@dataclass(frozen=True)
class AcceleratedRow:
    application: str  # "NDA 214383"
    brand: str
    established: str
    approved: date  # the accelerated approval
    status: str  # converted | withdrawn | pending
    status_date: date | None
    scope: str  # for a withdrawal: "application" or "indication" ("" when the list does not say)
    line: int


@dataclass(frozen=True)
class AcceleratedList:
    as_of: date
    total: int | None  # "Total Approvals 310", as the list states it
    rows: tuple[AcceleratedRow, ...]

    @property
    def withdrawn(self) -> list[AcceleratedRow]:
        return [r for r in self.rows if r.status == "withdrawn"]


_DATE = r"(\d{1,2}/\d{1,2}/\d{4})"
_ROW = re.compile(_DATE + r"\s+" + _DATE + r"\s+(\d+(?:\.\d+)?)\b")
_APPLICATION = re.compile(r"\b(NDA|BLA)\s+(\d{5,6})\b")
_LEAD = re.compile(r"^\s*(?:(?:NDA|BLA)\s+\d{5,6}|Supplement\s+\d+|Original\s+\d+)?\s+")
_STATUS = re.compile(r"(Not Yet Converted|Converted|Withdrawn)\s*" + _DATE + r"?\s*$")
_AS_OF = re.compile(r"As of\s+([A-Z][a-z]+ \d{1,2}, \d{4})")
_TOTAL = re.compile(r"Total Approvals\s+(\d+)")
_MONTHS = {m: i for i, m in enumerate(("January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"), 1)}


def read_accelerated_list(path: Path) -> AcceleratedList:
    try:
        text = path.read_text(encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise AcceleratedListError(f"{path}: not text; convert the PDF first with `pdftotext -layout FILE.pdf`") from None
    except OSError as exc:
        raise AcceleratedListError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_accelerated_list(text, str(path))


def parse_accelerated_list(text: str, where: str = "<text>") -> AcceleratedList:
    head = text[:3000]
    if "Accelerated Approval" not in head:
        raise AcceleratedListError(f"{where}: not FDA's list of CDER accelerated approvals "
                                   "(no 'Accelerated Approvals' title on its first page)")
    found = _AS_OF.search(head)
    if found is None:
        raise AcceleratedListError(f"{where}: no 'As of <Month day, year>' date under the title")
    month, day, year = found.group(1).replace(",", "").split()
    if month not in _MONTHS:
        raise AcceleratedListError(f"{where}: cannot read the date {found.group(1)!r}")
    as_of = date(int(year), _MONTHS[month], int(day))
    total = _TOTAL.search(head)
    lines = text.splitlines()
    rows = [row for number, line in enumerate(lines) if (row := _row(lines, number)) is not None]
    if not rows:
        raise AcceleratedListError(f"{where}: no approval rows found (is this the -layout text of the PDF?)")
    return AcceleratedList(as_of, int(total.group(1)) if total else None, tuple(rows))


def _row(lines: list[str], number: int) -> AcceleratedRow | None:
    line = lines[number]
    dates = _ROW.search(line)
    if dates is None:
        return None
    application = None
    for back in range(number, max(-1, number - 8), -1):
        found = _APPLICATION.search(lines[back])
        if found:
            application = f"{found.group(1)} {found.group(2).zfill(6)}"
            break
    if application is None:
        return None
    cells = [c for c in re.split(r"\s{2,}", line[:dates.start()].strip()) if c]
    lead = _LEAD.match(line)
    if lead and lead.group().strip():  # drop the application/supplement cell
        cells = [c for c in re.split(r"\s{2,}", line[lead.end():dates.start()].strip()) if c]
    brand = cells[0] if cells else ""
    established = cells[1] if len(cells) > 1 else ""
    status, status_date, scope = "pending", None, ""
    for offset in (0, 1, -1, 2):
        if 0 <= number + offset < len(lines):
            tail = _STATUS.search(lines[number + offset])
            if tail:
                status = {"Not Yet Converted": "pending", "Converted": "converted"}.get(tail.group(1), "withdrawn")
                status_date = _us_date(tail.group(2)) if tail.group(2) else None
                break
    if status == "withdrawn":
        around = " ".join(lines[max(0, number - 2):number + 2])
        scope = "indication" if "- Indication" in around else "application" if "- Application" in around else ""
    return AcceleratedRow(application, brand, established, _us_date(dates.group(2)), status, status_date,
                          scope, number + 1)


def _us_date(value: str) -> date:
    month, day, year = (int(part) for part in value.split("/"))
    return date(year, month, day)
