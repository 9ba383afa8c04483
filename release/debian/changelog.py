"""Writes a Debian-format changelog (for /usr/share/doc/<pkg>/changelog.gz) from CHANGELOG.md:
one entry per released version, its '### ' headings and '- ' items as bullets.
Usage: python3 changelog.py CHANGELOG.md "NAME <EMAIL>"   (dates from the '## [x.y.z] - YYYY-MM-DD' lines)"""
import email.utils
import re
import sys
from datetime import datetime, timezone

text = open(sys.argv[1], encoding="utf-8").read()
maintainer = sys.argv[2]
entries = re.split(r"^## ", text, flags=re.M)[1:]
for entry in entries:
    head, _, body = entry.partition("\n")
    m = re.match(r"\[([0-9][^\]]*)\]\s*-\s*(\d{4}-\d{2}-\d{2})", head)
    if not m:
        continue  # [Unreleased]
    version, day = m.groups()
    print(f"cphub ({version}) unstable; urgency=medium\n")
    lines = []
    for line in body.splitlines():  # join an item's continuation lines
        if line.startswith("  ") and lines and lines[-1].startswith("- "):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    for line in lines:
        if line.startswith("### "):
            print(f"  * {line[4:].strip()}:")
        elif line.startswith("- "):
            item = re.sub(r"[`*]", "", line[2:].strip())
            words, out = item.split(), "    - "
            for w in words:
                if len(out) + len(w) + 1 > 78:
                    print(out.rstrip())
                    out = "      "
                out += w + " "
            print(out.rstrip())
    when = datetime.strptime(day, "%Y-%m-%d").replace(hour=12, tzinfo=timezone.utc)
    print(f"\n -- {maintainer}  {email.utils.format_datetime(when)}\n")
