#!/usr/bin/env python3
"""Write data/laws.toml, the catalogue of laws, from the whole laws of
../shared/real/laws.tar.xz (read in place, never copied).

    data/make-laws.py [LAWS_TAR_XZ] [OUT]

LAWS_TAR_XZ defaults to $CANCU_REAL/laws.tar.xz, else ../shared/real/ beside
the checkout.

For each law: its number (`Luật số: 43/2019/QH14`, `Bộ luật số: …`, `Số: …`
in the header), its signing date (`Hà Nội, ngày …`) and its name (the heading
under `LUẬT`/`BỘ LUẬT`, spelled as the law spells itself in `Quốc hội ban
hành Luật …` when that sentence names it). Laws whose header gives no number
or date are left out. The output is sorted by id, so the file only changes
when the laws do. Standard library only.
"""

import os
import re
import sys
import tarfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TAR = os.path.join(
    os.environ.get("CANCU_REAL", os.path.join(HERE, "..", "..", "shared", "real")), "laws.tar.xz"
)
DEFAULT_OUT = os.path.join(HERE, "laws.toml")

NUMBER = re.compile(r"^\s*(?:Bộ luật số|Luật số|Số)\s*:\s*(\d{1,4}\s*[/-]\s*[^\s,;]+(?: \d+)?)\s*$", re.M)
DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
HEADING = re.compile(r"^(BỘ LUẬT|LUẬT)\s*$", re.M)
ENACTS = re.compile(r"ban hành\s+(Bộ luật|Luật)\s+([^.;\n]{2,120}?)\s*[.,;\n]")


def key(s):
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[-–,]", " ", s).split())


def sentence_case(s):
    s = " ".join(s.split()).lower()
    return s[:1].upper() + s[1:]


def law(text):
    head = text[:4000]
    m = NUMBER.search(head)
    d = DATE.search(head)
    h = HEADING.search(head)
    if not (m and d and h):
        return None
    number = re.sub(r"\s+", "", m.group(1))
    if not re.match(r"^\d+/\d{4}/QH\d+$", number):
        return None
    kind = "Bộ luật" if h.group(1) == "BỘ LUẬT" else "Luật"
    lines = [l.strip() for l in head[h.end():].split("\n")]
    title = []
    for l in lines:
        if not l:
            if title:
                break
            continue
        if l.upper() != l or l.startswith("(") or len(title) >= 3:
            break
        title.append(l)
    if not title:
        return None
    name = sentence_case(" ".join(title))
    e = ENACTS.search(text[:20000])
    if e and e.group(1) == kind and key(e.group(2)) == key(name):
        name = e.group(2)[:1].upper() + e.group(2)[1:]
    day, month, year = (int(x) for x in d.groups())
    return {
        "id": number,
        "type": kind,
        "date": f"{year:04d}-{month:02d}-{day:02d}",
        "name": f"{kind} {name}",
    }


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv):
    tar = argv[1] if len(argv) > 1 else DEFAULT_TAR
    out = argv[2] if len(argv) > 2 else DEFAULT_OUT
    laws = {}
    with tarfile.open(tar) as t:
        for m in t.getmembers():
            if not (m.isfile() and m.name.endswith(".txt")):
                continue
            f = t.extractfile(m)
            if f is None:
                continue
            text = unicodedata.normalize("NFC", f.read().decode("utf-8", "replace"))
            x = law(text)
            if x:
                laws[x["id"]] = x
    rows = [
        "# The catalogue of laws: written by data/make-laws.py from the whole laws of",
        "# ../shared/real/laws.tar.xz (do not edit by hand; run the script again).",
        "# Same format as data/catalog.toml; `names` is how a text names the law",
        "# without its number (`Luật Giáo dục ngày 14 tháng 6 năm 2019`), the date",
        "# telling apart laws of one name.",
        "version = 1",
    ]
    for x in sorted(laws.values(), key=lambda x: (int(x["id"].split("/")[1]), int(x["id"].split("/")[0]))):
        rows += [
            "",
            "[[instrument]]",
            f"id = {q(x['id'])}",
            f"type = {q(x['type'])}",
            f"date = {q(x['date'])}",
            'issuer = "Quốc hội"',
            f"title = {q(x['name'])}",
            f"names = [{q(x['name'])}]",
        ]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"{len(laws)} laws written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
