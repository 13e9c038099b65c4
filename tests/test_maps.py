"""The maps and the CPEC fuel chart show exactly the data, in the declared colours, with labels and the boundary note.

Values are compared with ``load()`` of the tables; nothing here is computed by the chart code itself.
"""
from __future__ import annotations

import gzip
import json
from collections import defaultdict

import pytest

from coursekit import CourseFigure, load
from coursekit.charts import maps
from coursekit.prepare import all_tables
from coursekit.theme import COLORS

TABLE_NAMES = {t.name for t in all_tables()}
GEO_LAYERS = ("showland", "showocean", "showlakes", "showrivers", "showcountries", "showcoastlines", "showsubunits")


@pytest.fixture(scope="module")
def cpec() -> CourseFigure:
    return maps.cpec_map()


@pytest.fixture(scope="module")
def region() -> CourseFigure:
    return maps.region_map()


@pytest.fixture(scope="module")
def fuel() -> CourseFigure:
    return maps.cpec_energy_by_fuel()


def project_traces(fig):
    """Marker traces that stand for single projects (not legend samples, labels, areas or province squares)."""
    return [t for t in fig.data if t.meta and "sector" in t.meta]


# -- all three figures -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["cpec_map", "region_map", "cpec_energy_by_fuel"])
def test_figure_has_title_description_source_table_and_known_datasets(builder):
    figure = getattr(maps, builder)()
    assert isinstance(figure, CourseFigure)
    assert len(figure.title) > 30 and len(figure.description) > 100 and figure.source
    assert set(figure.datasets) <= TABLE_NAMES
    assert not figure.table.empty


@pytest.mark.parametrize("builder", ["cpec_map", "region_map"])
def test_maps_need_no_network_and_stay_small(builder):
    fig = getattr(maps, builder)().figure
    geo = fig.layout.geo
    # plotly.js downloads topojson only if a base layer is shown or a trace uses `locations`
    for layer in GEO_LAYERS:
        assert getattr(geo, layer) is False, layer
    for trace in fig.data:
        assert trace.type == "scattergeo"
        assert trace.locations is None and trace.locationmode is None and trace.geojson is None
    payload = json.dumps(fig.to_plotly_json(), default=str).encode()
    assert len(gzip.compress(payload)) < 150_000


@pytest.mark.parametrize("builder", ["cpec_map", "region_map"])
def test_boundary_note_is_visible_on_the_map_and_in_the_text(builder):
    figure = getattr(maps, builder)()
    note = " ".join(a.text for a in figure.figure.layout.annotations)
    assert "de facto" in note and "not authoritative" in note and "Kashmir is disputed" in note
    assert "de facto" in figure.description and "Kashmir is disputed" in figure.description


# -- the CPEC map -----------------------------------------------------------------------------------------------------


def test_every_located_power_plant_is_drawn_once_at_its_coordinates_and_size(cpec):
    energy = load("cpec_energy_projects")
    expected = {
        r.project: (r.lon, r.lat, r.capacity_mw, r.status)
        for r in energy.itertuples()
        if r.location_precision in ("site", "town")
    }
    drawn = {}
    for trace in project_traces(cpec.figure):
        if trace.meta["sector"] != "energy":
            continue
        for lon, lat, size, name in zip(trace.lon, trace.lat, trace.marker.size, trace.customdata):
            assert name not in drawn, f"{name} drawn twice"
            drawn[name] = (lon, lat, size, trace.meta["status"])
    assert drawn == expected


def test_province_level_plants_are_one_square_per_province_listing_each_plant(cpec):
    energy = load("cpec_energy_projects")
    squares = next(t for t in cpec.figure.data if t.name == "Power plants located only by province")
    by_province = defaultdict(list)
    for r in energy[energy["location_precision"] == "province"].itertuples():
        by_province[r.location_name].append(r)
    assert sorted(squares.customdata) == sorted(by_province)
    for name, lon, lat, hover in zip(squares.customdata, squares.lon, squares.lat, squares.hovertext):
        rows = by_province[name]
        assert (lon, lat) == (rows[0].lon, rows[0].lat)
        for r in rows:
            assert r.project in hover
        assert f"{sum(r.capacity_mw for r in rows):,.0f} MW" in hover
        assert "not a site" in hover


def test_unmapped_plants_are_named_in_the_description_and_absent_from_the_map(cpec):
    energy = load("cpec_energy_projects")
    unmapped = energy.loc[energy["location_precision"] == "none", "project"].tolist()
    assert unmapped, "the data has plants without a published location"
    drawn = {name for t in project_traces(cpec.figure) for name in t.customdata}
    for name in unmapped:
        assert name in cpec.description and name not in drawn


def test_point_projects_other_than_power_are_drawn_at_their_town(cpec):
    transport = load("cpec_transport_sez_projects")
    expected = {r.project: (r.lon, r.lat, r.status) for r in transport.itertuples() if not isinstance(r.route_id, str)}
    drawn = {}
    for trace in project_traces(cpec.figure):
        if trace.meta["sector"] == "energy":
            continue
        for lon, lat, name in zip(trace.lon, trace.lat, trace.customdata):
            drawn[name] = (lon, lat, trace.meta["status"])
    assert drawn == expected


def test_sector_colours_and_status_symbols_are_as_declared(cpec):
    okabe_ito = {"#E69F00", "#000000", "#CC79A7", "#0072B2", "#56B4E9", "#009E73", "#F0E442", "#D55E00"}
    country_colours = {COLORS["us"], COLORS["china"], COLORS["pakistan"]}
    assert set(maps.SECTOR_COLORS.values()) <= okabe_ito - country_colours
    for trace in project_traces(cpec.figure):
        assert trace.marker.color == maps.SECTOR_COLORS[trace.meta["sector"]]
        assert trace.marker.symbol == maps.STATUS_SYMBOLS[trace.meta["status"]]
    legend = {t.name for t in cpec.figure.data if t.showlegend is not False}
    for label in maps.STATUS_LABELS.values():
        assert label in legend
    for sector in {t.meta["sector"] for t in project_traces(cpec.figure)}:
        assert maps.SECTOR_LABELS[sector] in legend


def test_hover_cards_show_capacity_cost_source_status_and_precision(cpec):
    energy = load("cpec_energy_projects").set_index("project")
    sahiwal = next(
        h for t in project_traces(cpec.figure) for h, n in zip(t.hovertext, t.customdata) if n == "Sahiwal Coal Power"
    )
    row = energy.loc["Sahiwal Coal Power"]
    assert f"{row['capacity_mw']:,.0f} MW" in sahiwal and f"US${row['cost_usd_million']:,.0f} million" in sahiwal
    assert "thenews.com.pk" in sahiwal and "completed" in sahiwal and "plant site" in sahiwal


def test_routes_are_drawn_as_schematic_dashed_lines_through_their_waypoints(cpec, region):
    routes = {f["properties"]["route_id"]: f["geometry"]["coordinates"] for f in load("cpec_routes")["features"]}
    for figure in (cpec, region):
        drawn = {t.meta["route_id"]: t for t in figure.figure.data if t.meta and "route_id" in t.meta}
        assert set(drawn) == set(routes)
        for route_id, trace in drawn.items():
            assert [list(p) for p in zip(trace.lon, trace.lat)] == routes[route_id]
            assert "schematic" in trace.name and trace.line.dash in ("dash", "dot")


def test_key_places_are_labelled_at_their_coordinates(cpec, region):
    places = load("places").set_index("name")
    for figure, required in ((cpec, {"Gwadar", "Karachi", "Islamabad", "Khunjerab Pass", "Kashgar"}), (region, {"Gwadar", "Karachi", "Kashgar", "Khunjerab Pass"})):
        labels = next(t for t in figure.figure.data if t.name == "Places")
        shown = dict(zip(labels.text, zip(labels.lon, labels.lat)))
        assert required <= set(shown)
        for name, (lon, lat) in shown.items():
            assert (lon, lat) == (places.loc[name, "lon"], places.loc[name, "lat"])


def test_disputed_territories_are_drawn_apart_with_a_legend_entry(cpec):
    disputed = next(t for t in cpec.figure.data if t.legendgroup == "disputed")
    assert "disputed" in disputed.name and disputed.line.dash == "dot" and disputed.showlegend


def test_map_table_lists_every_project(cpec):
    energy = load("cpec_energy_projects")
    transport = load("cpec_transport_sez_projects")
    assert set(cpec.table["Project"]) == set(energy["project"]) | set(transport["project"])
    table = cpec.table.set_index("Project")
    for r in energy.itertuples():
        assert table.loc[r.project, "Capacity (MW)"] == r.capacity_mw


# -- capacity by fuel -------------------------------------------------------------------------------------------------


def test_fuel_bars_are_the_sums_of_the_data(fuel):
    energy = load("cpec_energy_projects")
    expected: dict = defaultdict(float)
    for r in energy.itertuples():
        expected[(r.fuel, r.status)] += r.capacity_mw
    drawn = {}
    for trace in fuel.figure.data:
        status = trace.name.lower()
        for fuel_key, value in zip(trace.customdata, trace.x):
            drawn[(fuel_key, status)] = value
    for key, value in drawn.items():
        assert value == pytest.approx(expected.get(key, 0.0)), key
    assert sum(drawn.values()) == pytest.approx(energy["capacity_mw"].sum())
    assert {k for k, v in expected.items() if v} <= set(drawn)


def test_fuel_title_states_the_coal_share_from_the_data(fuel):
    energy = load("cpec_energy_projects")
    share = energy.loc[energy["fuel"] == "coal", "capacity_mw"].sum() / energy["capacity_mw"].sum() * 100
    assert f"{share:.0f}%" in fuel.title
    assert fuel.figure.layout.xaxis.title.text == "Capacity (MW)"
