"""CPEC projects: power plants, transport, Gwadar and special economic zones, and schematic route lines.

The project lists are compiled from published pages (provenance C): each value keeps the URL it came from.
Locations follow one rule, recorded per row in ``location_precision``:

* ``site``: surveyed coordinates of the plant from a published dataset (WRI Global Power Plant Database, AidData's
  geocoded locations) or the project company's own page;
* ``town``: the GeoNames point of the town a published source names as the project's location;
* ``province``: Natural Earth's label point of the province a published source names;
* ``none``: no published location found; the project is listed but not mapped.

No site is ever guessed.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from . import geo
from .spec import CC_BY_4, CITED_PAGES, COMPILED, Field, Source, Table

TOPIC = "CPEC projects"

ENERGY_FILE = "cpec/cpec_energy_projects_2022_COMPILED.csv"
TRANSPORT_FILE = "cpec/cpec_transport_and_sez_facts_COMPILED.csv"
GPPD_FILE = "cpec/wri_gppd_v1.3.0_pakistan_rows_TRANSCRIBED.csv"

STATUSES = ("completed", "under development", "planned", "potential")
PRECISIONS = ("site", "town", "province", "none")
FUELS = ("coal", "coal/solar", "hydro", "wind", "solar")

NATION_2022 = "https://www.nation.com.pk/24-Oct-2022/11-power-projects-completed-under-cpec"
PAKOBSERVER_2017 = "http://pakobserver.net/benefits-accruing-great-game-changer-ii/"
BRIWATCH = "https://briwatch.info/category/energy-projects/page/3/"
URDUPOINT_CHITRAL = "https://www.urdupoint.com/en/pakistan/chief-minister-khyber-pakhtunkhwa-directs-for-733545.html"
AZAD_PATTAN_COMPANY = "http://azadpattanhpp.com/project_location.php"
AIDDATA_LOCATIONS = "AidData Geocoding of China's official finance v1.1.0, locations file"

# Where a published source places each power project that the compiled list gives no coordinates for.
# (precision, place or province, source URL, what the source says)
ENERGY_LOCATIONS = {
    "China-HUB Coal Power": ("town", "Hub", PAKOBSERVER_2017, "Pakistan Observer (2017-08-18): located in Hub, Balochistan"),
    "Engro Thar Power and Mine": ("province", "Sindh", BRIWATCH, "briwatch.info: Thar coalfield Block II, Tharparkar district, Sindh"),
    "HUBCO Thar": ("province", "Sindh", BRIWATCH, "named after the Thar coalfield, Tharparkar district, Sindh (briwatch.info)"),
    "Shanghai Electric (TCB-1) and Mine": ("province", "Sindh", BRIWATCH, "named after the Thar coalfield, Tharparkar district, Sindh (briwatch.info)"),
    "ThalNova Thar Power": ("province", "Sindh", BRIWATCH, "named after the Thar coalfield, Tharparkar district, Sindh (briwatch.info)"),
    "Thar (Oracle) Coal Plant": ("province", "Sindh", BRIWATCH, "named after the Thar coalfield, Tharparkar district, Sindh (briwatch.info)"),
    "UEP Wind Farm": ("province", "Sindh", PAKOBSERVER_2017, "Pakistan Observer (2017-08-18): Jhimpir, Thatta district (Jhimpir is not in the course's gazetteer)"),
    "Sachal Wind Farm": ("province", "Sindh", PAKOBSERVER_2017, "Pakistan Observer (2017-08-18): Jhimpir, Thatta district (Jhimpir is not in the course's gazetteer)"),
    "Quaid-e-Azam Solar Park (remaining)": ("town", "Bahawalpur", PAKOBSERVER_2017, "Pakistan Observer (2017-08-18): Quaid-e-Azam Solar Park in Bahawalpur, Punjab"),
    "Gwadar Coal/Solar Power Plant": ("town", "Gwadar", NATION_2022, "named after Gwadar in the project list"),
    "Azad Pattan Hydropower Project": ("site", (33.77642, 73.56328), AZAD_PATTAN_COMPANY, "project company's page: 33°46'35.1\" N, 73°33'47.8\" E, on the Jhelum near Muslimabad"),
    "Suki Kinari Hydropower": ("province", "Khyber Pakhtunkhwa", PAKOBSERVER_2017, "Pakistan Observer (2017-08-18): Kunhar river, Mansehra district, Khyber Pakhtunkhwa"),
    "Taunsa Hydropower": ("site", "aiddata:38990:1163723", "https://www.aiddata.org/", f"{AIDDATA_LOCATIONS}: project 38990, Taunsa Barrage (GeoNames 1163723, precision 1)"),
    "Toren More Hydropower": ("province", "Khyber Pakhtunkhwa", URDUPOINT_CHITRAL, "UrduPoint/APP (2019-10-10): District Chitral, Khyber Pakhtunkhwa"),
    "Jameshill More Hydropower": ("province", "Khyber Pakhtunkhwa", URDUPOINT_CHITRAL, "UrduPoint/APP (2019-10-10): District Chitral, Khyber Pakhtunkhwa"),
    "Phander Hydropower": ("town", "Phandar", "https://www.aiddata.org/", f"{AIDDATA_LOCATIONS}: project 43231, Phandar (GeoNames 7457810, precision 2)"),
    "Three Gorge Wind Power Projects": ("none", None, "", "no published location found"),
    "Cacho Wind Power": ("none", None, "", "no published location found"),
    "Westren Energy Pvt Ltd": ("none", None, "", "no published location found"),
    "Mahl Hydropower": ("none", None, "", "on the Jhelum (civilsdaily.com); no published point or province found"),
}

FUEL_FROM_SOURCE = {"Coal": "coal", "Coal (Thar lignite)": "coal", "Coal/Solar": "coal/solar", "Hydro": "hydro", "Wind": "wind", "Solar": "solar"}
STATUS_FROM_SOURCE = {
    "Completed (commissioned)": "completed",
    "Under development (Oct 2022)": "under development",
    "Potential future inclusion (Oct 2022)": "potential",
}

# Transport, Gwadar and SEZ projects in the compiled facts file. Which fact gives each value is named explicitly;
# the "headline" cost is the most recent approval or estimate, every other quote is kept in cost_other_quotes.
TRANSPORT = {
    "KKH Phase II Havelian-Thakot": dict(
        project_id="kkh_phase2_havelian_thakot", kind="road", length="length", cost="approved cost",
        status="completed", status_fact="Mansehra-Thakot section opened; whole project open", place="Havelian", route_id="kkh",
    ),
    "Peshawar-Karachi Motorway, Multan-Sukkur section (M-5)": dict(
        project_id="m5_multan_sukkur", kind="motorway", length="length", cost="total investment",
        status="completed", status_fact="handed over and opened to traffic", place="Multan", route_id="m5",
    ),
    "Lahore Orange Line Metro Train": dict(
        project_id="lahore_orange_line", kind="urban rail", length="length", cost="estimated cost",
        status="completed", status_fact="inaugurated", place="Lahore", route_id=None,
    ),
    "ML-1 railway (Karachi-Peshawar)": dict(
        project_id="ml1_karachi_peshawar", kind="railway", length="length to be upgraded", cost="CDWP-approved revised PC-I cost",
        status="planned", status_fact="CDWP-approved revised PC-I cost", place="Karachi", route_id="ml1",
    ),
    "Gwadar East Bay Expressway (Phase I)": dict(
        project_id="gwadar_east_bay_expressway", kind="road", length="length", cost="cost",
        status="completed", status_fact="ECNEC approval / groundbreaking / inauguration", place="Gwadar", route_id=None,
    ),
    "New Gwadar International Airport": dict(
        project_id="new_gwadar_airport", kind="airport", length=None, cost="cost",
        status="completed", status_fact="cost", place="Gwadar", route_id=None,
    ),
    "Allama Iqbal Industrial City SEZ (Faisalabad)": dict(
        project_id="sez_allama_iqbal_faisalabad", kind="special economic zone", length=None, cost=None,
        status="under development", status_fact="groundbreaking", place="Faisalabad", route_id=None, area="area",
    ),
    "Rashakai SEZ (Nowshera, Khyber Pakhtunkhwa)": dict(
        project_id="sez_rashakai", kind="special economic zone", length=None, cost=None,
        status="under development", status_fact="area", place="Nowshera", route_id=None, area="area",
    ),
}
# Why each transport status was chosen, in words a reader can check against the cited fact.
TRANSPORT_STATUS_BASIS = {
    "kkh_phase2_havelian_thakot": "whole project open 28 July 2020 (China NDRC)",
    "m5_multan_sukkur": "handed over and opened to traffic 16 Dec 2020",
    "lahore_orange_line": "inaugurated 25 Oct 2020",
    "ml1_karachi_peshawar": "revised PC-I approved by CDWP 22 May 2024, awaiting ECNEC; no construction start reported",
    "gwadar_east_bay_expressway": "inaugurated 3 Jun 2022",
    "new_gwadar_airport": "an undated page says the Civil Aviation Authority declared it operational",
    "sez_allama_iqbal_faisalabad": "construction in progress since November 2019 (The Nation, 2024)",
    "sez_rashakai": "plots allotted to 24 enterprises (The Nation, 2024); not reported complete",
}

# Schematic route lines through named places (all in the places table). Waypoints in order.
ROUTES = {
    "kkh": dict(
        name="Karakoram Highway (N-35), Khunjerab Pass to Haripur",
        kind="road",
        waypoints=("Khunjerab Pass", "Sost", "Karimabad (Hunza)", "Gilgit", "Chilas", "Mansehra", "Abbottabad", "Havelian", "Haripur"),
        project_id="kkh_phase2_havelian_thakot",
        source_title="Wikipedia, Karakoram Highway (route and major towns); Planning Commission of Pakistan, KKH Phase II",
        source_url="https://en.wikipedia.org/wiki/Karakoram_Highway",
        note="The highway runs on to Hasan Abdal. Thakot, between Mansehra and Chilas, is not in the course's gazetteer. CPEC rebuilt Havelian–Thakot (Phase II, opened 2020).",
    ),
    "kkh_china": dict(
        name="Karakoram Highway in China (G314), Khunjerab Pass to Kashgar",
        kind="road",
        waypoints=("Khunjerab Pass", "Tashqorghan", "Kashgar"),
        project_id=None,
        source_title="Wikipedia, Khunjerab Pass (southwest terminus of China National Highway 314, via Tashkurgan to Kashgar)",
        source_url="https://en.wikipedia.org/wiki/Khunjerab_Pass",
        note="",
    ),
    "m5": dict(
        name="Multan–Sukkur motorway (M-5)",
        kind="motorway",
        waypoints=("Multan", "Shujaabad", "Sukkur"),
        project_id="m5_multan_sukkur",
        source_title="China SCIO (first section Multan–Shujaabad, 2018); Business Recorder (Multan–Sukkur, 392 km, 2020)",
        source_url="http://english.scio.gov.cn/beltandroad/2018-05/28/content_51526437.htm",
        note="",
    ),
    "ml1": dict(
        name="Main Line 1 railway (ML-1), Peshawar to Karachi",
        kind="railway",
        waypoints=("Peshawar", "Rawalpindi", "Lahore", "Multan", "Rohri", "Hyderabad", "Karachi"),
        project_id="ml1_karachi_peshawar",
        source_title="Wikipedia, Karachi–Peshawar Railway Line (stations); UrduPoint/APP 2020 (ML-1 packages Peshawar–Rawalpindi–Lahore, Lahore–Hyderabad)",
        source_url="https://en.wikipedia.org/wiki/Karachi%E2%80%93Peshawar_Railway_Line",
        note="An existing line that CPEC plans to upgrade; no construction start reported (2024).",
    ),
}


def _read_csv(raw_dir: Path, name: str) -> list[dict]:
    path = Path(raw_dir) / name
    if not path.exists():
        raise FileNotFoundError(f"{path}: raw file missing")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _number(text: str, where: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise ValueError(f"{where}: '{text}' is not a number") from None


class _Locator:
    """Coordinates for places and provinces, and which province a point lies in."""

    def __init__(self, raw_dir: Path):
        self.raw_dir = Path(raw_dir)
        places = geo.build_places(raw_dir)
        self.places = {r.name: (float(r.lat), float(r.lon)) for r in places.itertuples()}
        provinces = geo.build_pakistan_provinces(raw_dir)
        self.provinces = {f["properties"]["name"]: f for f in provinces["features"]}
        self.aiddata = {}
        for r in _read_csv(raw_dir, geo.AIDDATA_LOCATIONS_FILE):
            self.aiddata[r["project_location_id"]] = r

    def place(self, name: str, where: str) -> tuple[float, float]:
        if name not in self.places:
            raise ValueError(f"{where}: place '{name}' is not in the places table")
        return self.places[name]

    def province_point(self, name: str, where: str) -> tuple[float, float]:
        if name not in self.provinces:
            raise ValueError(f"{where}: '{name}' is not one of today's provinces {sorted(self.provinces)}")
        p = self.provinces[name]["properties"]
        return p["label_lat"], p["label_lon"]

    def aiddata_point(self, key: str, where: str) -> tuple[float, float]:
        _, project, geonameid = key.split(":")
        row = self.aiddata.get(f"{project}_{geonameid}")
        if row is None:
            raise ValueError(f"{where}: AidData location {project}_{geonameid} not found in {geo.AIDDATA_LOCATIONS_FILE}")
        return round(float(row["latitude"]), 5), round(float(row["longitude"]), 5)

    def province_of(self, lat: float, lon: float) -> str | None:
        for name, feature in self.provinces.items():
            if geo.point_in_geometry(lon, lat, feature["geometry"]):
                return name
        return None


def build_cpec_energy_projects(raw_dir: Path) -> pd.DataFrame:
    raw_dir = Path(raw_dir)
    locator = _Locator(raw_dir)
    gppd = {r["gppd_idnr"]: r for r in _read_csv(raw_dir, GPPD_FILE)}
    rows = []
    for number, r in enumerate(_read_csv(raw_dir, ENERGY_FILE), start=1):
        name = r["project_name_as_in_source"]
        where = f"{ENERGY_FILE}, row {number} ({name})"
        capacity = _number(r["capacity_mw"], where)
        if r["fuel_or_type"] not in FUEL_FROM_SOURCE:
            raise ValueError(f"{where}: unknown fuel '{r['fuel_or_type']}'")
        if r["status_as_in_source"] not in STATUS_FROM_SOURCE:
            raise ValueError(f"{where}: unknown status '{r['status_as_in_source']}'")
        gppd_id, gppd_year = None, None
        if r["latitude"]:
            lat, lon = _number(r["latitude"], where), _number(r["longitude"], where)
            precision, location_name, location_source = "site", "", r["coordinate_source"]
            location_url = ""
            match = re.search(r"\bWRI\d+\b", r["coordinate_source"])
            if match:
                gppd_id = match.group(0)
                plant = gppd.get(gppd_id)
                if plant is None:
                    raise ValueError(f"{where}: {gppd_id} is not among the WRI GPPD rows in {GPPD_FILE}")
                if (round(float(plant["latitude"]), 4), round(float(plant["longitude"]), 4)) != (round(lat, 4), round(lon, 4)):
                    raise ValueError(f"{where}: coordinates differ from WRI GPPD row {gppd_id}")
                gppd_year = int(float(plant["commissioning_year"])) if plant["commissioning_year"] else None
                location_url = "https://datasets.wri.org/dataset/globalpowerplantdatabase"
            else:
                location_url = "https://www.aiddata.org/"
        else:
            if name not in ENERGY_LOCATIONS:
                raise ValueError(f"{where}: no coordinates and no entry in ENERGY_LOCATIONS; add a sourced location or 'none'")
            precision, target, location_url, location_source = ENERGY_LOCATIONS[name]
            location_name = ""
            if precision == "site":
                if isinstance(target, tuple):
                    lat, lon = target
                else:
                    lat, lon = locator.aiddata_point(target, where)
            elif precision == "town":
                lat, lon = locator.place(target, where)
                location_name = target
            elif precision == "province":
                lat, lon = locator.province_point(target, where)
                location_name = target
            else:
                lat = lon = None
        province = locator.province_of(lat, lon) if lat is not None else None
        if precision == "province" and province != location_name:
            raise ValueError(f"{where}: label point of {location_name} falls in {province}")
        cost = _number(r["cost_usd_million_quoted"], where)
        rows.append(
            dict(
                project=name,
                fuel=FUEL_FROM_SOURCE[r["fuel_or_type"]],
                fuel_as_in_source=r["fuel_or_type"],
                capacity_mw=capacity,
                status=STATUS_FROM_SOURCE[r["status_as_in_source"]],
                status_as_in_source=r["status_as_in_source"],
                status_date=r["status_source_date"],
                status_source_url=r["status_source_url"],
                cost_usd_million=cost,
                cost_source_url=r["cost_source_url"] or None,
                lat=lat,
                lon=lon,
                location_precision=precision,
                location_name=location_name or None,
                province=province,
                location_source=location_source or None,
                location_source_url=location_url or None,
                gppd_id=gppd_id,
                gppd_commissioning_year=gppd_year,
                notes=r["notes"] or None,
            )
        )
    frame = pd.DataFrame(rows)
    frame["status_date"] = pd.to_datetime(frame["status_date"], format="%Y-%m-%d")
    frame["gppd_commissioning_year"] = frame["gppd_commissioning_year"].astype("Int64")
    return frame


def _facts_by_project(raw_dir: Path) -> dict[str, list[dict]]:
    facts: dict[str, list[dict]] = {}
    for number, r in enumerate(_read_csv(raw_dir, TRANSPORT_FILE), start=1):
        r["_row"] = number
        facts.setdefault(r["project"], []).append(r)
    return facts


def _fact(facts: list[dict], component: str, where: str) -> dict:
    found = [f for f in facts if f["component_or_fact"] == component]
    if len(found) != 1:
        raise ValueError(f"{where}: expected one fact '{component}', found {len(found)}")
    return found[0]


def _usd_million(fact: dict, where: str) -> tuple[float | None, float | None]:
    """(US$ million, PKR million) from a cost fact, converting billions to millions only."""
    value = _number(fact["value_as_quoted"], where)
    unit = fact["unit"]
    if unit == "billion USD":
        return round(value * 1000, 3), None
    if unit == "million USD":
        return value, None
    if unit == "million PKR":
        return None, value
    raise ValueError(f"{where}: unknown cost unit '{unit}'")


def build_cpec_transport_sez_projects(raw_dir: Path) -> pd.DataFrame:
    raw_dir = Path(raw_dir)
    locator = _Locator(raw_dir)
    facts = _facts_by_project(raw_dir)
    known = set(TRANSPORT) | {"CPEC special economic zones"}
    unknown = set(facts) - known
    if unknown:
        raise ValueError(f"{TRANSPORT_FILE}: projects without a TRANSPORT entry: {sorted(unknown)}")
    rows = []
    for name, spec in TRANSPORT.items():
        where = f"{TRANSPORT_FILE} ({name})"
        project_facts = facts.get(name)
        if not project_facts:
            raise ValueError(f"{where}: project missing from the file")
        length = _fact(project_facts, spec["length"], where) if spec["length"] else None
        area = _fact(project_facts, spec["area"], where) if spec.get("area") else None
        cost = _fact(project_facts, spec["cost"], where) if spec["cost"] else None
        status_fact = _fact(project_facts, spec["status_fact"], where)
        usd = pkr = None
        other_quotes = []
        if cost:
            usd, pkr = _usd_million(cost, where)
            for f in project_facts:
                is_cost = any(w in f["component_or_fact"].lower() for w in ("cost", "investment", "expenditure"))
                if is_cost and f is not cost:
                    other_quotes.append(f"{f['component_or_fact']}: {f['value_as_quoted']} {f['unit']} ({f['as_of_or_date']}; {f['source_url']})")
            # the compiled note of the headline cost records other figures quoted for it (kept); other notes are not costs
            if any(mark in cost["note"] for mark in ("$", "Rs ", "DISAGREES")):
                other_quotes.append(cost["note"])
        lat, lon = locator.place(spec["place"], where)
        loans = [f for f in project_facts if "loan" in f["component_or_fact"].lower()]
        rows.append(
            dict(
                project_id=spec["project_id"],
                project=name,
                kind=spec["kind"],
                status=spec["status"],
                status_basis=TRANSPORT_STATUS_BASIS[spec["project_id"]],
                status_source_url=status_fact["source_url"],
                length_km=_number(length["value_as_quoted"], where) if length else None,
                length_source_url=length["source_url"] if length else None,
                length_note=(length["note"] or None) if length else None,
                area_acres=_number(area["value_as_quoted"], where) if area else None,
                area_source_url=area["source_url"] if area else None,
                cost_usd_million=usd,
                cost_pkr_million=pkr,
                cost_basis=f"{cost['component_or_fact']}, {cost['as_of_or_date']}" if cost else None,
                cost_source_url=cost["source_url"] if cost else None,
                cost_other_quotes=" | ".join(other_quotes) or None,
                chinese_loan_note=" | ".join(f"{f['component_or_fact']}: {f['value_as_quoted']} {f['unit']} ({f['as_of_or_date']}; {f['source_url']})" for f in loans) or None,
                lat=lat,
                lon=lon,
                location_precision="town",
                location_name=spec["place"],
                province=locator.province_of(lat, lon),
                route_id=spec["route_id"],
            )
        )
    return pd.DataFrame(rows)


def build_cpec_routes(raw_dir: Path) -> dict:
    locator = _Locator(raw_dir)
    features = []
    for route_id, spec in ROUTES.items():
        where = f"cpec_routes ({route_id})"
        coordinates = []
        for place in spec["waypoints"]:
            lat, lon = locator.place(place, where)
            coordinates.append([lon, lat])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "route_id": route_id,
                    "name": spec["name"],
                    "kind": spec["kind"],
                    "waypoints": "; ".join(spec["waypoints"]),
                    "schematic": True,
                    "project_id": spec["project_id"],
                    "source_title": spec["source_title"],
                    "source_url": spec["source_url"],
                    "note": spec["note"] or None,
                },
                "geometry": {"type": "LineString", "coordinates": coordinates},
            }
        )
    return {"type": "FeatureCollection", "features": features}


NATION_SOURCE = Source(
    "The Nation, '11 power projects completed under CPEC' (24 Oct 2022): project list, MW and status",
    NATION_2022,
    "compiled; costs from APP, The News and briwatch.info as cited per row",
)
GPPD_SOURCE = Source(
    "World Resources Institute, Global Power Plant Database v1.3.0 (2021): coordinates and commissioning year",
    "https://datasets.wri.org/dataset/globalpowerplantdatabase",
    "62 Pakistan rows re-typed from a stored copy of global_power_plant_database.csv",
)
LOCATION_SOURCES = Source(
    "Project locations: Pakistan Observer (2017-08-18), briwatch.info, UrduPoint/APP (2019-10-10), Azad Pattan project company, AidData geocoded locations, GeoNames",
    PAKOBSERVER_2017,
    "one source per row in location_source / location_source_url",
)
TRANSPORT_SOURCE = Source(
    "Compiled CPEC transport and SEZ facts: Planning Commission of Pakistan, China NDRC and SCIO, APP, Business Recorder, The Nation, The News, Daily Times and others",
    "https://www.pc.gov.pk/web/projects/cdetail/5",
    "one source URL per value",
)

ENERGY_FIELDS = (
    Field("project", "string", "Project name as in The Nation's list", unique=True),
    Field("fuel", "string", "Fuel or source of power", enum=FUELS),
    Field("fuel_as_in_source", "string", "Fuel as the source writes it (Thar lignite is local coal)"),
    Field("capacity_mw", "number", "Installed or planned capacity", unit="MW", minimum=0.001),
    Field("status", "string", "Status in Oct 2022", enum=STATUSES),
    Field("status_as_in_source", "string", "Status as the source writes it"),
    Field("status_date", "date", "Date of the status source"),
    Field("status_source_url", "string", "Where the status comes from"),
    Field("cost_usd_million", "number", "Project cost as quoted (one quote; others in notes)", unit="US$ million (nominal, year of the quote)", required=False, minimum=0.001),
    Field("cost_source_url", "string", "Where the cost quote comes from", required=False),
    Field("lat", "number", "Latitude of the point shown (see location_precision)", unit="degrees", required=False),
    Field("lon", "number", "Longitude of the point shown (see location_precision)", unit="degrees", required=False),
    Field("location_precision", "string", "site: surveyed plant; town: the named town; province: province label point; none: not mapped", enum=PRECISIONS),
    Field("location_name", "string", "Town or province the point stands for (town/province precision)", required=False),
    Field("province", "string", "Province or territory containing the point (computed)", required=False, enum=geo.PROVINCE_NAMES),
    Field("location_source", "string", "What the location source says", required=False),
    Field("location_source_url", "string", "Where the location comes from", required=False),
    Field("gppd_id", "string", "WRI Global Power Plant Database id, where matched", required=False),
    Field("gppd_commissioning_year", "year", "Commissioning year in the WRI database", required=False),
    Field("notes", "string", "Disagreements between sources and other caveats", required=False),
)

TRANSPORT_FIELDS = (
    Field("project_id", "string", "Short identifier", unique=True, pattern=r"[a-z0-9_]+"),
    Field("project", "string", "Project name as compiled"),
    Field("kind", "string", "Kind of project", enum=("road", "motorway", "railway", "urban rail", "airport", "special economic zone")),
    Field("status", "string", "Status as last reported in the cited source", enum=STATUSES),
    Field("status_basis", "string", "The reported fact the status rests on"),
    Field("status_source_url", "string", "Where that fact comes from"),
    Field("length_km", "number", "Length as quoted", unit="km", required=False, minimum=0.001),
    Field("length_source_url", "string", "Where the length comes from", required=False),
    Field("length_note", "string", "Other lengths quoted", required=False),
    Field("area_acres", "number", "Area as quoted", unit="acres", required=False, minimum=0.001),
    Field("area_source_url", "string", "Where the area comes from", required=False),
    Field("cost_usd_million", "number", "Headline cost: the most recent approval or estimate", unit="US$ million (nominal, year of the quote)", required=False, minimum=0.001),
    Field("cost_pkr_million", "number", "Headline cost where quoted in rupees", unit="PKR million (nominal)", required=False, minimum=0.001),
    Field("cost_basis", "string", "What the headline cost is (approval, estimate, investment) and when", required=False),
    Field("cost_source_url", "string", "Where the headline cost comes from", required=False),
    Field("cost_other_quotes", "string", "Every other cost quoted, with its source: sources disagree", required=False),
    Field("chinese_loan_note", "string", "Chinese loan quoted for the project (finance, not cost)", required=False),
    Field("lat", "number", "Latitude of the named town (not the site)", unit="degrees"),
    Field("lon", "number", "Longitude of the named town (not the site)", unit="degrees"),
    Field("location_precision", "string", "Always 'town': the point is the town the project is named after or starts at", enum=PRECISIONS),
    Field("location_name", "string", "The town"),
    Field("province", "string", "Province or territory containing the point (computed)", enum=geo.PROVINCE_NAMES),
    Field("route_id", "string", "Schematic line in cpec_routes, if any", required=False),
)

TABLES = [
    Table(
        name="cpec_energy_projects",
        title="CPEC power projects: capacity, fuel, status (Oct 2022), quoted cost and location",
        description=(
            "The 26 power projects in the CPEC list published by The Nation on 24 October 2022 (11 completed, 10 under "
            "development, 5 potential), with capacity in MW, fuel, one quoted cost where a page gives one, and a "
            "location whose precision is stated (site, town, province or none). Plant coordinates come from the WRI "
            "Global Power Plant Database, AidData's geocoded locations or the project company; otherwise the town or "
            "province a cited page names."
        ),
        raw=(ENERGY_FILE, GPPD_FILE, geo.AIDDATA_LOCATIONS_FILE, geo.GEONAMES_FILE, geo.ADMIN1_FILE),
        sources=(NATION_SOURCE, GPPD_SOURCE, LOCATION_SOURCES),
        licenses=(CITED_PAGES, CC_BY_4, geo.ODC_BY),
        provenance=COMPILED,
        caveats=(
            "Statuses are as of October 2022; several plants have changed status since.",
            "Costs are single quotes from news pages in nominal US dollars; sources disagree (Sahiwal $1.6 bn / $1.8 bn / "
            "$1.91 bn; Sachal wind $134 m / $112 m; UEP wind $250 m / $257 m). A cost is not Chinese finance: AidData "
            "records $1.83 bn of Chinese loans (2014 US$) for Karot, a different concept.",
            "Quaid-e-Azam Solar Park's coordinates are a possible match only in the WRI database.",
            "Points with location_precision 'province' stand for a whole province, not a site; four projects have no "
            "published location and are not mapped.",
            "Coal includes local Thar lignite (fuel_as_in_source) and the 300 MW Gwadar coal/solar plant is kept apart.",
        ),
        fields=ENERGY_FIELDS,
        build=build_cpec_energy_projects,
        primary_key=("project",),
        coverage="Status as of 24 Oct 2022",
    ),
    Table(
        name="cpec_transport_sez_projects",
        title="CPEC transport, Gwadar and special economic zone projects: length or area, cost with its source, status",
        description=(
            "Eight CPEC projects with figures in published pages: the Karakoram Highway Phase II (Havelian–Thakot), the "
            "Multan–Sukkur motorway (M-5), Lahore's Orange Line, the ML-1 railway, Gwadar's East Bay Expressway and new "
            "airport, and the Allama Iqbal (Faisalabad) and Rashakai special economic zones. Each value keeps its "
            "source; where sources disagree on cost, every quote is kept."
        ),
        raw=(TRANSPORT_FILE, geo.GEONAMES_FILE, geo.ADMIN1_FILE),
        sources=(TRANSPORT_SOURCE,),
        licenses=(CITED_PAGES,),
        provenance=COMPILED,
        caveats=(
            "Costs disagree across sources (M-5: $2.89 bn / $2 bn / Rs 294 bn; Orange Line: $1.6 bn / over $2.2 bn; "
            "ML-1 approvals: $7.2 bn, $6.8 bn, $9.85 bn, $6.7 bn; East Bay: $153 m / $168 m / $179 m). The headline "
            "cost is the most recent approval or estimate; all other quotes are in cost_other_quotes.",
            "Costs are nominal, in the currency and year of each quote; rupee and dollar figures are not converted.",
            "Points are the town a project is named after or starts at, not the site; line projects are drawn as "
            "schematic lines in cpec_routes.",
            "Not covered for lack of published figures: Gwadar port works (breakwater, dredging, free zone), the Dhabeji "
            "and Bostan SEZs and Thakot–Raikot. Nine SEZs were planned in total (2020).",
        ),
        fields=TRANSPORT_FIELDS,
        build=build_cpec_transport_sez_projects,
        primary_key=("project_id",),
        coverage="Facts dated 2015–2024",
    ),
    Table(
        name="cpec_routes",
        title="CPEC corridors as schematic lines: Karakoram Highway, M-5 motorway, ML-1 railway",
        description=(
            "Straight lines between named places along the Karakoram Highway (Khunjerab Pass–Haripur, and on to Kashgar "
            "in China), the Multan–Sukkur motorway and the ML-1 railway (Peshawar–Karachi). They show which towns a "
            "corridor links, not its alignment."
        ),
        raw=(geo.GEONAMES_FILE, geo.AIDDATA_LOCATIONS_FILE),
        sources=tuple(Source(s["source_title"], s["source_url"]) for s in ROUTES.values()),
        licenses=(CC_BY_4, geo.ODC_BY),
        provenance=COMPILED,
        caveats=(
            "Schematic: straight segments between waypoints; the real roads and railway follow valleys and rivers.",
            "Every waypoint is a row of the places table.",
        ),
        fields=(
            Field("route_id", "string", "Short identifier", unique=True),
            Field("name", "string", "Route name"),
            Field("kind", "string", "road, motorway or railway", enum=("road", "motorway", "railway")),
            Field("waypoints", "string", "Places (in the places table) the line passes, in order, separated by '; '"),
            Field("schematic", "boolean", "Always true: straight lines between waypoints"),
            Field("project_id", "string", "Related project in cpec_transport_sez_projects", required=False),
            Field("source_title", "string", "Source for the order of the waypoints"),
            Field("source_url", "string", "URL of that source"),
            Field("note", "string", "Caveat", required=False),
        ),
        build=build_cpec_routes,
        primary_key=("route_id",),
        format="geojson",
    ),
]
