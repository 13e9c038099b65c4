"""The book's Data sources page, written from the data package descriptor so the two cannot disagree."""
from __future__ import annotations

from ..figures import dataset_anchor

HEADER = """# Data sources

Every chart in this course is drawn from one of the tables below, and every chart's caption links here. Each table
was prepared from a published source by a script in the course repository (`make data`), which also wrote this page
from the data package descriptor, [`data/datapackage.json`](https://specs.frictionlessdata.io/data-package/). Download
any table as CSV (or GeoJSON for map layers) and check a number yourself.

**Provenance status.** *A*: the publisher's own data file, or an exact subset of its rows. *B*: a third party's
processed copy of a publisher's data. *C*: compiled or transcribed from published pages, with a source on every row;
treat these with care and check them against the publisher before relying on them. *Derived*: computed by the course
from another table listed here.

**What is missing.** Some subjects have no open, long-run data that the course could use: there is no consistent
bilateral trade series with China and the United States over decades (only the State Bank's recent by-country tables
and single-year figures quoted by different agencies), and no series of Pakistan's external debt by creditor over time
(only the World Bank's debt-service projections and single-year estimates of China's share). Where a chapter needs
such a number it cites the published figure and says where the full data lives, rather than filling the gap with an
estimate.
"""


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_sources_page(package: dict, domains: list) -> str:
    by_name = {r["name"]: r for r in package["resources"]}
    lines = [HEADER]
    for topic, tables in domains:
        if not tables:
            continue
        lines.append(f"\n## {topic}\n")
        for table in tables:
            entry = by_name[table.name]
            lines.append(f"\n({dataset_anchor(entry['name'])})=\n### {entry['title']}\n")
            lines.append(f"{entry['description']}\n")
            lines.append(f"- **Table:** `{entry['name']}`, {{download}}`{entry['path']} <../data/{entry['path']}>`")
            if entry.get("coverage"):
                lines.append(f"- **Coverage:** {entry['coverage']}")
            sources = "; ".join(
                f"[{s['title']}]({s['path']})" + (f" ({s['note']})" if s.get("note") else "") for s in entry["sources"]
            )
            lines.append(f"- **Source:** {sources}")
            licences = "; ".join(
                (f"[{lic['title']}]({lic['path']})" if lic.get("path") else lic["title"]) for lic in entry["licenses"]
            )
            lines.append(f"- **Licence:** {licences}")
            lines.append(f"- **Provenance:** {entry['provenance']}")
            if entry["caveats"]:
                lines.append("- **Caveats:**")
                lines.extend(f"  - {c}" for c in entry["caveats"])
            lines.append("\n| Field | Type | Unit | Description |\n|---|---|---|---|")
            for field in entry["schema"]["fields"]:
                lines.append(
                    f"| `{field['name']}` | {field['type']} | {_escape(field.get('unit', '') or '')} | {_escape(field['description'])} |"
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
