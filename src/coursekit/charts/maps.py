"""Maps of Pakistan and CPEC, and CPEC power capacity by fuel.

The maps are plotly ``scattergeo`` figures drawn entirely from the course's own GeoJSON tables (provinces, neighbours,
routes, places). Every base layer of plotly's geo subplot is switched off, so plotly.js never fetches its topojson:
the maps need no network, work over file:// and in a live JupyterLab, and carry their few tens of kilobytes of
outlines inside the figure itself (no base-map asset file).
"""
from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go

from ..data import load
from ..figures import CourseFigure
from ..prepare.geo import point_in_geometry
from ..theme import MUTED_TEXT_COLOR, TEXT_COLOR

# Okabe–Ito colours for CPEC sectors. Power uses the course's highlight orange; the others are colours that carry no
# country meaning (blue, vermillion and green stand for the US, China and Pakistan throughout the course).
SECTOR_COLORS = {
    "energy": "#E69F00",
    "transport": "#000000",
    "gwadar": "#CC79A7",
    "sez": "#56B4E9",
}
SECTOR_LABELS = {
    "energy": "Power plant (size = MW)",
    "transport": "Transport",
    "gwadar": "Gwadar city projects",
    "sez": "Special economic zone",
}
STATUS_SYMBOLS = {"completed": "circle", "under development": "circle-open", "planned": "circle-open-dot", "potential": "circle-open-dot"}
STATUS_LABELS = {
    "completed": "Completed (filled)",
    "under development": "Under development (ring)",
    "planned": "Planned or potential (ring with dot)",
}
ROUTE_DASH = {"kkh": "dash", "kkh_china": "dash", "m5": "dash", "ml1": "dot"}

# Fills and lines of the base map; all text stays dark on light fills (WCAG AA).
OCEAN = "#DCEAF4"
LAND_OTHER = "#F7F7F5"
LAND_PAKISTAN = "#EDF3EA"
LAND_DISPUTED = "#E4ECE0"
BORDER = "#8A8A8A"

MAP_NOTE = "Boundaries are de facto, not authoritative.<br>Kashmir is disputed (dotted outline)."
DISPUTED_NOTE = (
    "Boundaries are de facto lines (Natural Earth), not authoritative. Kashmir is disputed: Pakistan administers "
    "Gilgit-Baltistan and Azad Jammu and Kashmir, India and China administer the other parts."
)
SCHEMATIC_NOTE = "Routes are schematic: straight lines between the towns they link."

CPEC_VIEW = dict(lon=(59.6, 79.4), lat=(22.8, 40.2))
REGION_VIEW = dict(lon=(52.0, 90.0), lat=(18.0, 45.5))

MAP_HEIGHT = 640
LABELLED_PLACES = {  # place -> text position around its dot
    "Gwadar": "bottom center",
    "Karachi": "bottom right",
    "Islamabad": "bottom left",
    "Khunjerab Pass": "top left",
    "Kashgar": "middle right",
}


# -- small helpers --------------------------------------------------------------------------------------------------


def _site(url: str | None) -> str:
    """A short name for a source URL (its host without www.)."""
    if url is None or pd.isna(url) or not url:
        return ""
    host = urlparse(url).hostname or url
    return host.removeprefix("www.").removeprefix("en.")


def _mw(value) -> str:
    """A total in whole megawatts for titles and descriptions (the table keeps the exact value)."""
    return f"{round(float(value)):,} MW"


def _fmt(value, unit: str = "") -> str:
    if value is None or pd.isna(value):
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text}{unit}"


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _clip_ring(ring: list, box: tuple[float, float, float, float]) -> list:
    """Sutherland–Hodgman: the part of a ring inside a lon/lat box (enough to keep a map's payload small)."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: (west, a[1] + (b[1] - a[1]) * (west - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= east, lambda a, b: (east, a[1] + (b[1] - a[1]) * (east - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= south, lambda a, b: (a[0] + (b[0] - a[0]) * (south - a[1]) / (b[1] - a[1]), south)),
        (lambda p: p[1] <= north, lambda a, b: (a[0] + (b[0] - a[0]) * (north - a[1]) / (b[1] - a[1]), north)),
    ]
    points = [tuple(p) for p in ring[:-1]] if ring[0] == ring[-1] else [tuple(p) for p in ring]
    for inside, cross in edges:
        if not points:
            break
        result = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
        points = result
    if len(points) < 3:
        return []
    points = [(round(x, 3), round(y, 3)) for x, y in points]
    return points + [points[0]]


def _clockwise(ring: list) -> list:
    """d3-geo (inside plotly) fills the smaller side of a ring only when it runs clockwise."""
    area = sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))
    return ring if area < 0 else list(reversed(ring))


def _outline_xy(features: list[dict], box) -> tuple[list, list]:
    """lon/lat lists of every outer ring of the features, clipped to the box, separated by None."""
    lons: list = []
    lats: list = []
    for feature in features:
        for polygon in _polygons(feature["geometry"]):
            ring = _clip_ring(polygon[0], box)
            if not ring:
                continue
            ring = _clockwise(ring)
            if lons:
                lons.append(None)
                lats.append(None)
            lons.extend(p[0] for p in ring)
            lats.extend(p[1] for p in ring)
    return lons, lats


def _area_trace(features: list[dict], box, name: str, fill: str, line_color: str = BORDER, dash: str = "solid", width: float = 0.8) -> go.Scattergeo:
    lons, lats = _outline_xy(features, box)
    return go.Scattergeo(
        lon=lons, lat=lats, mode="lines", fill="toself", fillcolor=fill,
        line=dict(color=line_color, width=width, dash=dash), name=name, hoverinfo="skip", showlegend=False,
    )


def _label_point(feature: dict, box) -> tuple[float, float] | None:
    """A point inside the feature's visible part, near the centre of that part (for a text label)."""
    best = None
    for polygon in _polygons(feature["geometry"]):
        ring = _clip_ring(polygon[0], box)
        if len(ring) < 4:
            continue
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        extent = (max(xs) - min(xs)) * (max(ys) - min(ys))
        if best is None or extent > best[0]:
            best = (extent, ring, (min(xs), min(ys), max(xs), max(ys)))
    if best is None:
        return None
    _, ring, (x0, y0, x1, y1) = best
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    geometry = {"type": "Polygon", "coordinates": [ring]}
    candidates = sorted(
        ((x0 + (x1 - x0) * i / 20, y0 + (y1 - y0) * j / 20) for i in range(1, 20) for j in range(1, 20)),
        key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2,
    )
    for x, y in candidates:
        if point_in_geometry(x, y, geometry):
            return round(y, 2), round(x, 2)
    return None


def _geo_layout(view: dict) -> dict:
    # Every base layer off: plotly.js then never downloads its topojson (the maps work offline and over file://).
    return dict(
        projection=dict(type="mercator"),
        lonaxis=dict(range=list(view["lon"])),
        lataxis=dict(range=list(view["lat"])),
        showland=False, showocean=False, showlakes=False, showrivers=False,
        showcountries=False, showcoastlines=False, showsubunits=False, showframe=False,
        bgcolor=OCEAN,
    )


def _box(view: dict, margin: float = 1.5) -> tuple[float, float, float, float]:
    return view["lon"][0] - margin, view["lat"][0] - margin, view["lon"][1] + margin, view["lat"][1] + margin


def _base_layers(view: dict, pakistan_fill: str = LAND_PAKISTAN, china_fill: str | None = None, label_countries: list[str] | None = None) -> list:
    """Neighbouring countries, Pakistan's provinces (disputed territories apart) and the Siachen area."""
    box = _box(view)
    neighbours = load("neighbours")["features"]
    provinces = load("pakistan_provinces")["features"]
    others = [f for f in neighbours if not f["properties"]["name"] in ("Siachen Glacier",) and (china_fill is None or f["properties"]["name"] != "China")]
    traces = [_area_trace(others, box, "Other countries", LAND_OTHER)]
    if china_fill:
        traces.append(_area_trace([f for f in neighbours if f["properties"]["name"] == "China"], box, "China", china_fill))
    traces.append(_area_trace([f for f in provinces if not f["properties"]["disputed"]], box, "Pakistan", pakistan_fill, width=0.9))
    disputed = [f for f in provinces if f["properties"]["disputed"]]
    disputed += [f for f in neighbours if f["properties"]["name"] == "Siachen Glacier"]
    disputed_trace = _area_trace(disputed, box, "Pakistan-administered Kashmir (disputed)", LAND_DISPUTED, line_color="#5E5E5E", dash="dot", width=1.3)
    disputed_trace.update(showlegend=True, legendgroup="disputed", legendrank=400)
    traces.append(disputed_trace)
    if label_countries:
        lats, lons, texts = [], [], []
        for f in neighbours:
            if f["properties"]["name"] in label_countries:
                point = _label_point(f, (view["lon"][0] + 0.5, view["lat"][0] + 0.5, view["lon"][1] - 0.5, view["lat"][1] - 0.5))
                if point:
                    lats.append(point[0])
                    lons.append(point[1])
                    texts.append(f["properties"]["name"].upper())
        traces.append(go.Scattergeo(
            lat=lats, lon=lons, text=texts, mode="text", name="Country names",
            textfont=dict(size=12, color=MUTED_TEXT_COLOR), hoverinfo="skip", showlegend=False,
        ))
    return traces


def _province_labels(skip: tuple[str, ...] = ("Islamabad Capital Territory", "Azad Jammu and Kashmir")) -> go.Scattergeo:
    provinces = load("pakistan_provinces")["features"]
    names = {"Azad Jammu and Kashmir": "AJK", "Gilgit-Baltistan": "Gilgit-Baltistan<br>(disputed)", "Khyber Pakhtunkhwa": "Khyber<br>Pakhtunkhwa"}
    rows = [f["properties"] for f in provinces if f["properties"]["name"] not in skip]
    # Text above the label point: the point itself may carry a marker (power plants located only by province).
    return go.Scattergeo(
        lat=[p["label_lat"] for p in rows], lon=[p["label_lon"] for p in rows], textposition="top center",
        text=[names.get(p["name"], p["name"]) for p in rows], mode="text", name="Province names",
        textfont=dict(size=11, color=MUTED_TEXT_COLOR), hoverinfo="skip", showlegend=False,
    )


def _place_labels(places: pd.DataFrame, labelled: dict[str, str]) -> go.Scattergeo:
    """Labelled places; the text follows the figure's font size, so it grows with the projector mode."""
    rows = places.set_index("name").loc[list(labelled)]
    return go.Scattergeo(
        lat=rows["lat"].tolist(), lon=rows["lon"].tolist(), text=list(labelled), textposition=list(labelled.values()),
        mode="markers+text", name="Places", marker=dict(size=6, color=TEXT_COLOR, symbol="square"),
        textfont=dict(color=TEXT_COLOR),
        hoverinfo="skip",  # the projects drawn at a labelled town (Gwadar) keep their hover cards
        showlegend=False,
    )


def _note_annotation(text: str = MAP_NOTE) -> dict:
    """The boundary caveat, in the map's top-left corner (over Central Asia, where no project lies)."""
    return dict(
        text=text, x=0.005, y=0.995, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False, align="left",
        font=dict(color=TEXT_COLOR), bgcolor="rgba(255,255,255,0.88)", bordercolor="#BBBBBB", borderwidth=1, borderpad=4,
    )


HOVER_WIDTH = 44  # characters per hover line: the card must fit a phone screen


def _hover(lines: list[str]) -> str:
    """Join hover lines, breaking any line longer than HOVER_WIDTH at spaces."""
    out = []
    for line in lines:
        words, current = line.split(" "), ""
        for word in words:
            if current and len(current) + 1 + len(word) > HOVER_WIDTH and not current.endswith("<b>"):
                out.append(current)
                current = "  " + word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return "<br>".join(out)


# -- CPEC project points --------------------------------------------------------------------------------------------


def _energy_hover(r) -> str:
    lines = [f"<b>{r.project}</b>", f"{r.fuel_as_in_source}, {_fmt(r.capacity_mw, ' MW')}", f"Status (Oct 2022): {r.status}"]
    if not pd.isna(r.cost_usd_million):
        lines.append(f"Cost quoted: US${_fmt(r.cost_usd_million)} million ({_site(r.cost_source_url)}; quotes differ)")
    else:
        lines.append("Cost: no published quote found")
    where = {"site": "plant site", "town": f"town of {r.location_name}", "province": f"somewhere in {r.location_name}"}[r.location_precision]
    lines.append(f"Location: {where} ({_site(r.location_source_url) or 'see data'})")
    return _hover(lines)


def _transport_hover(r) -> str:
    lines = [f"<b>{r.project}</b>"]
    if not pd.isna(r.length_km):
        lines.append(f"Length: {_fmt(r.length_km, ' km')} ({_site(r.length_source_url)})")
    if not pd.isna(r.area_acres):
        lines.append(f"Area: {_fmt(r.area_acres, ' acres')} ({_site(r.area_source_url)})")
    if not pd.isna(r.cost_usd_million):
        lines.append(f"Cost: US${_fmt(r.cost_usd_million)} million ({r.cost_basis}; {_site(r.cost_source_url)})")
    elif not pd.isna(r.cost_pkr_million):
        lines.append(f"Cost: PKR {_fmt(r.cost_pkr_million)} million ({r.cost_basis}; {_site(r.cost_source_url)})")
    else:
        lines.append("Cost: no published quote found")
    if not pd.isna(r.cost_other_quotes):
        lines.append("Other sources quote other costs (see the data)")
    lines.append(f"Status: {r.status}: {r.status_basis}")
    lines.append(f"Location: town of {r.location_name} (not the site)")
    return _hover(lines)


def _sector(row) -> str:
    if row.kind == "special economic zone":
        return "sez"
    if row.location_name == "Gwadar":
        return "gwadar"
    return "transport"


def _project_points(energy: pd.DataFrame, transport: pd.DataFrame) -> pd.DataFrame:
    """One row per marker: power plants at a site or town, transport/Gwadar/SEZ projects that are not lines."""
    rows = []
    for r in energy.itertuples():
        if r.location_precision in ("site", "town"):
            rows.append(dict(project=r.project, sector="energy", status=r.status, lat=r.lat, lon=r.lon, size=r.capacity_mw, hover=_energy_hover(r)))
    for r in transport.itertuples():
        if pd.isna(r.route_id):  # line projects are drawn as routes
            rows.append(dict(project=r.project, sector=_sector(r), status=r.status, lat=r.lat, lon=r.lon, size=None, hover=_transport_hover(r)))
    points = pd.DataFrame(rows)
    # Several projects can share one point (Gwadar): every marker there lists all of them.
    together = points.groupby(["lat", "lon"])["hover"].transform(lambda h: "<br>―――<br>".join(h))
    points["hover"] = together
    return points


def _energy_size(mw, max_mw: float) -> dict:
    return dict(size=mw, sizemode="area", sizeref=2.0 * max_mw / (34**2), sizemin=6)


ROUTE_LEGEND = {"road": "Road (schematic line)", "motorway": "Road (schematic line)", "railway": "Railway (schematic line)"}


def _route_traces(routes: dict, transport: pd.DataFrame | None = None) -> list:
    """Dashed schematic lines; one legend entry per kind of route (hover names each route)."""
    traces, shown = [], set()
    for feature in routes["features"]:
        p = feature["properties"]
        lon, lat = zip(*feature["geometry"]["coordinates"])
        hover = [f"<b>{p['name']}</b>", "(schematic line)", f"via {p['waypoints'].replace('; ', ', ')}"]
        if transport is not None:
            linked = transport[transport["project_id"] == p["project_id"]]
            if not linked.empty:
                hover.append(_transport_hover(next(linked.itertuples())))
        legend = ROUTE_LEGEND[p["kind"]]
        traces.append(go.Scattergeo(
            lon=list(lon), lat=list(lat), mode="lines", name=legend,
            line=dict(color=SECTOR_COLORS["transport"], width=2.2, dash=ROUTE_DASH.get(p["route_id"], "dash")),
            hovertext=_hover(hover), hoverinfo="text", legendgroup=legend, showlegend=legend not in shown, legendrank=300,
            customdata=[p["route_id"]] * len(lon), meta=dict(route_id=p["route_id"]),
        ))
        shown.add(legend)
    return traces


def _cpec_traces(energy: pd.DataFrame, transport: pd.DataFrame, routes: dict) -> list:
    traces = _route_traces(routes, transport)  # routes first, so the markers sit on top
    points = _project_points(energy, transport)
    max_mw = float(energy["capacity_mw"].max())
    for sector in SECTOR_COLORS:
        shown = points[points["sector"] == sector]
        first = True
        for status in ("completed", "under development", "planned", "potential"):
            part = shown[shown["status"] == status]
            if part.empty:
                continue
            color = SECTOR_COLORS[sector]
            marker = dict(color=color, symbol=STATUS_SYMBOLS[status], line=dict(color=color, width=2.5), opacity=0.9)
            if sector == "energy":
                marker.update(_energy_size(part["size"].tolist(), max_mw))
            else:
                marker.update(size=14)
                marker["line"]["width"] = 3.5  # thicker rings: pink and sky blue are light on the pale land
            if status == "completed":
                marker["line"] = dict(color="#333333", width=1)  # a dark rim keeps light fills visible on pale land
            traces.append(go.Scattergeo(
                lon=part["lon"].tolist(), lat=part["lat"].tolist(), mode="markers", marker=marker,
                name=f"{SECTOR_LABELS[sector]}: {status}", hovertext=part["hover"].tolist(), hoverinfo="text",
                customdata=part["project"].tolist(), legendgroup=sector, showlegend=False, meta=dict(sector=sector, status=status),
            ))
            first = False
        if not first:  # one legend entry per sector, coloured, that toggles the sector
            traces.append(go.Scattergeo(
                lon=[None], lat=[None], mode="markers", name=SECTOR_LABELS[sector], legendgroup=sector,
                marker=dict(color=SECTOR_COLORS[sector], symbol="circle", size=12), legendgrouptitle_text="Sector" if sector == "energy" else None,
                hoverinfo="skip", meta=dict(legend_only=True), legendrank=100 + list(SECTOR_COLORS).index(sector),
            ))
    # province-level power projects: one square per province, listing them all
    by_province = energy[energy["location_precision"] == "province"]
    if not by_province.empty:
        lats, lons, hovers, names = [], [], [], []
        for province, group in by_province.groupby("location_name", sort=True):
            lats.append(float(group["lat"].iloc[0]))
            lons.append(float(group["lon"].iloc[0]))
            names.append(province)
            items = [f"• {r.project}: {r.fuel_as_in_source}, {_fmt(r.capacity_mw, ' MW')}, {r.status}" for r in group.itertuples()]
            hovers.append(_hover([
                f"<b>{province}: {len(group)} power projects,</b>",
                f"<b>{_fmt(group['capacity_mw'].sum())} MW, without a published site</b>",
                "The sources name only the district or province; this square marks the province, not a site.",
                *items,
            ]))
        traces.append(go.Scattergeo(
            lon=lons, lat=lats, mode="markers+text", name="Power plants located only by province",
            text=names, textposition="middle right", textfont=dict(size=11, color=MUTED_TEXT_COLOR),
            marker=dict(color=SECTOR_COLORS["energy"], symbol="square-open", size=18, line=dict(color=SECTOR_COLORS["energy"], width=3)),
            hovertext=hovers, hoverinfo="text", customdata=names, legendgroup="energy_province", legendrank=110,
        ))
    for status, label in STATUS_LABELS.items():
        traces.append(go.Scattergeo(
            lon=[None], lat=[None], mode="markers", name=label, legendgroup="status",
            legendgrouptitle_text="Status" if status == "completed" else None,
            marker=dict(color="#555555", symbol=STATUS_SYMBOLS[status], size=12, line=dict(color="#555555", width=2.5)),
            hoverinfo="skip", meta=dict(legend_only=True), legendrank=200 + list(STATUS_LABELS).index(status),
        ))
    return traces


def cpec_map() -> CourseFigure:
    energy = load("cpec_energy_projects")
    transport = load("cpec_transport_sez_projects")
    routes = load("cpec_routes")
    places = load("places")

    fig = go.Figure()
    for trace in _base_layers(CPEC_VIEW, label_countries=["Afghanistan", "Iran", "India"]):
        fig.add_trace(trace)
    fig.add_trace(go.Scattergeo(  # China's own label would fall on Gilgit-Baltistan; this spot is inside China's outline
        lat=[38.3], lon=[77.9], text=["CHINA"], mode="text", name="China", textfont=dict(size=12, color=MUTED_TEXT_COLOR),
        hoverinfo="skip", showlegend=False,
    ))
    located_by_province = tuple(energy.loc[energy["location_precision"] == "province", "location_name"].unique())
    # provinces that carry a square are named next to it
    fig.add_trace(_province_labels(skip=("Islamabad Capital Territory", "Azad Jammu and Kashmir", *located_by_province)))
    for trace in _cpec_traces(energy, transport, routes):
        fig.add_trace(trace)
    fig.add_trace(_place_labels(places, LABELLED_PLACES))
    fig.update_layout(
        geo=_geo_layout(CPEC_VIEW),
        height=MAP_HEIGHT + 170,
        margin=dict(l=0, r=0, t=60, b=0),  # room for the title plotly draws in JupyterLab (the book shows it as HTML)
        legend=dict(orientation="h", yanchor="top", y=-0.01, x=0, xanchor="left", groupclick="togglegroup"),
        annotations=[_note_annotation()],
        hoverlabel=dict(align="left"),
        dragmode=False,  # a one-finger drag scrolls the page on a phone instead of panning the map
    )

    mapped = energy[energy["location_precision"] != "none"]
    unmapped = energy[energy["location_precision"] == "none"]
    by_precision = energy.groupby("location_precision")["project"].count()
    done = energy[energy["status"] == "completed"]
    by_province = mapped.groupby("province")["capacity_mw"].sum().sort_values(ascending=False)
    top = by_province.index[:2]
    top_share = by_province.iloc[:2].sum() / mapped["capacity_mw"].sum() * 100
    title = (
        f"{top[0]} and {top[1]} hold {top_share:.0f}% of the CPEC power capacity that can be placed on a map, while its "
        f"roads and railway run north–south from the Khunjerab Pass to Karachi"
    )
    description = (
        f"Map of Pakistan showing the {len(energy)} power projects in the October 2022 CPEC list: "
        f"{len(done)} completed ({_fmt(done['capacity_mw'].sum())} MW), "
        f"{(energy['status'] == 'under development').sum()} under development and {(energy['status'] == 'potential').sum()} potential. "
        f"{by_precision.get('site', 0)} are drawn at their plant site, {by_precision.get('town', 0)} at the town named by a source, "
        f"{by_precision.get('province', 0)} only at province level, and {len(unmapped)} "
        f"({', '.join(unmapped['project'])}) are not mapped because no location was found. "
        + "By province (point in polygon): " + ", ".join(f"{name} {_fmt(round(mw))} MW" for name, mw in by_province.items()) + ". "
        f"It also shows {len(transport)} transport, Gwadar and special-economic-zone projects, and schematic lines for the "
        f"Karakoram Highway from the Khunjerab Pass to Kashgar, the Multan–Sukkur motorway and the ML-1 railway. {DISPUTED_NOTE}"
    )
    table = _cpec_table(energy, transport)
    return CourseFigure(
        fig,
        title=title,
        description=description,
        datasets=["cpec_energy_projects", "cpec_transport_sez_projects", "cpec_routes", "places", "pakistan_provinces", "neighbours"],
        source="The Nation (24 Oct 2022) CPEC power list; WRI Global Power Plant Database; AidData; Planning Commission of Pakistan and news pages per project; GeoNames; Natural Earth",
        table=table,
        notes=(
            f"Power plants are sized by capacity; other projects are not sized. Costs are single quotes in nominal dollars "
            f"and sources disagree. {len(mapped)} of {len(energy)} power projects are mapped. {SCHEMATIC_NOTE} {DISPUTED_NOTE}"
        ),
    )


def _cpec_table(energy: pd.DataFrame, transport: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for r in energy.itertuples():
        rows.append({
            "Project": r.project, "Sector": f"power ({r.fuel})", "Status": r.status,
            "Capacity (MW)": r.capacity_mw, "Length (km)": None,
            "Cost quoted (US$ million, nominal)": r.cost_usd_million, "Cost source": _site(r.cost_source_url),
            "Location shown": {"site": "plant site", "town": f"town: {r.location_name}", "province": f"province: {r.location_name}", "none": "not mapped"}[r.location_precision],
            "Latitude": r.lat, "Longitude": r.lon,
        })
    for r in transport.itertuples():
        rows.append({
            "Project": r.project, "Sector": r.kind, "Status": r.status,
            "Capacity (MW)": None, "Length (km)": r.length_km,
            "Cost quoted (US$ million, nominal)": r.cost_usd_million, "Cost source": _site(r.cost_source_url),
            "Location shown": "schematic line" if not pd.isna(r.route_id) else f"town: {r.location_name}",
            "Latitude": None if not pd.isna(r.route_id) else r.lat, "Longitude": None if not pd.isna(r.route_id) else r.lon,
        })
    return pd.DataFrame(rows)


# -- the region -----------------------------------------------------------------------------------------------------

REGION_PLACES = {
    "Gwadar": "bottom center",
    "Karachi": "bottom right",
    "Islamabad": "middle right",
    "Khunjerab Pass": "middle right",
    "Kashgar": "top left",
    "Ürümqi": "bottom left",
}
REGION_COUNTRIES = ["Afghanistan", "Iran", "India", "Tajikistan", "Turkmenistan", "Uzbekistan", "Kyrgyzstan", "Kazakhstan", "Oman", "Nepal"]


def region_map() -> CourseFigure:
    places = load("places")
    routes = load("cpec_routes")
    neighbours = load("neighbours")

    fig = go.Figure()
    pakistan_tint = "#CDE9DF"  # a light tint of the course's Pakistan colour
    china_tint = "#F6DCCB"  # a light tint of the course's China colour
    for trace in _base_layers(REGION_VIEW, pakistan_fill=pakistan_tint, china_fill=china_tint, label_countries=REGION_COUNTRIES):
        fig.add_trace(trace)
    fig.add_trace(go.Scattergeo(
        lat=[20.5, 38.6], lon=[63.0, 84.0], text=["Arabian Sea", "XINJIANG<br>(CHINA)"], mode="text", name="Sea and region names",
        textfont=dict(size=13, color="#2B5876"), hoverinfo="skip", showlegend=False,
    ))
    fig.add_trace(go.Scattergeo(
        lat=[30.0], lon=[69.4], text=["PAKISTAN"], mode="text", name="Pakistan", textfont=dict(size=14, color="#00553F"),
        hoverinfo="skip", showlegend=False,
    ))
    for trace in _route_traces(routes):
        fig.add_trace(trace)
    fig.add_trace(_place_labels(places, REGION_PLACES))
    fig.update_layout(
        geo=_geo_layout(REGION_VIEW),
        height=MAP_HEIGHT + 50,
        margin=dict(l=0, r=0, t=60, b=0),  # room for the title plotly draws in JupyterLab (the book shows it as HTML)
        legend=dict(orientation="h", yanchor="top", y=-0.01, x=0, xanchor="left"),
        annotations=[_note_annotation()],
        hoverlabel=dict(align="left"),
        dragmode=False,  # a one-finger drag scrolls the page on a phone instead of panning the map
    )
    kkh = next(f for f in routes["features"] if f["properties"]["route_id"] == "kkh")
    bordering = sorted(f["properties"]["name"] for f in neighbours["features"] if f["properties"]["borders_pakistan"] and f["properties"]["name"] != "Siachen Glacier")
    shown = places.set_index("name").loc[list(REGION_PLACES)].reset_index()
    title = "Pakistan sits between China, Iran, Afghanistan and India, and CPEC links Gwadar and Karachi on the Arabian Sea to Xinjiang over the Khunjerab Pass"
    description = (
        f"Map of Pakistan and its region. Pakistan borders {', '.join(bordering[:-1])} and {bordering[-1]} as drawn by Natural Earth. "
        f"Gwadar and Karachi lie on the Arabian Sea; a schematic line follows the Karakoram Highway from {kkh['properties']['waypoints'].split('; ')[-1]} "
        f"north through Gilgit to the Khunjerab Pass ({shown.set_index('name').loc['Khunjerab Pass', 'lat']:.2f}° N) and on to Kashgar in Xinjiang. "
        f"Central Asia lies north of Afghanistan. {DISPUTED_NOTE}"
    )
    table = pd.DataFrame({
        "Place": shown["name"], "Kind": shown["kind"], "Country": shown["country"],
        "Latitude (°N)": shown["lat"], "Longitude (°E)": shown["lon"], "Coordinates from": shown["source"],
    })
    return CourseFigure(
        fig, title=title, description=description,
        datasets=["places", "cpec_routes", "neighbours", "pakistan_provinces"],
        source="Natural Earth (boundaries, de facto); GeoNames (places); route waypoints from Wikipedia and the Planning Commission of Pakistan",
        table=table,
        notes=f"{DISPUTED_NOTE} {SCHEMATIC_NOTE} Pakistan does not border Tajikistan: Afghanistan's Wakhan Corridor lies between.",
    )


# -- capacity by fuel -----------------------------------------------------------------------------------------------

FUEL_LABELS = {"coal": "Coal (imported and Thar lignite)", "coal/solar": "Coal/solar (Gwadar)", "hydro": "Hydro", "wind": "Wind", "solar": "Solar"}
STATUS_BAR_STYLE = {
    "completed": dict(color=SECTOR_COLORS["energy"], pattern=dict(shape="")),
    "under development": dict(color="white", line=dict(color="#A86F00", width=1.5), pattern=dict(shape="/", fgcolor="#A86F00", size=8, solidity=0.3)),
    "potential": dict(color="white", line=dict(color="#555555", width=1.5), pattern=dict(shape=".", fgcolor="#555555", size=6, solidity=0.3)),
}


def cpec_energy_by_fuel() -> CourseFigure:
    energy = load("cpec_energy_projects")
    totals = energy.pivot_table(index="fuel", columns="status", values="capacity_mw", aggfunc="sum", fill_value=0.0)
    totals = totals.reindex(columns=["completed", "under development", "potential"], fill_value=0.0)
    totals["total"] = totals.sum(axis=1)
    totals = totals.sort_values("total", ascending=True)  # largest at the top of a horizontal chart
    fig = go.Figure()
    for status, style in STATUS_BAR_STYLE.items():
        fig.add_trace(go.Bar(
            y=[FUEL_LABELS[f] for f in totals.index], x=totals[status].tolist(), orientation="h", name=status.capitalize(),
            marker=style, customdata=list(totals.index),
            hovertemplate="%{y}<br>" + status + ": %{x:,.1f} MW<extra></extra>",
        ))
    fig.update_layout(
        barmode="stack", height=420,
        xaxis=dict(title=dict(text="Capacity (MW)"), tickformat=",d"),
        yaxis=dict(title=None),
        legend=dict(orientation="h", y=-0.2, x=0, title=dict(text="Status (Oct 2022)"), traceorder="normal"),
        margin=dict(l=10, r=20, t=40, b=10),
    )
    total = energy["capacity_mw"].sum()
    coal = energy.loc[energy["fuel"] == "coal", "capacity_mw"].sum()
    coal_done = energy.loc[(energy["fuel"] == "coal") & (energy["status"] == "completed"), "capacity_mw"].sum()
    done = energy.loc[energy["status"] == "completed", "capacity_mw"].sum()
    hydro = energy.loc[energy["fuel"] == "hydro", "capacity_mw"].sum()
    hydro_done = energy.loc[(energy["fuel"] == "hydro") & (energy["status"] == "completed"), "capacity_mw"].sum()
    share = coal / total * 100
    coal_all = energy.loc[energy["fuel"].isin(["coal", "coal/solar"]), "capacity_mw"].sum()
    done_coal_share = coal_done / done * 100
    title = (
        f"Coal is {share:.0f}% of the {_mw(total)} in CPEC's power list and {done_coal_share:.0f}% of what was completed by October 2022"
    )
    description = (
        f"Horizontal stacked bar chart of CPEC power capacity by fuel and status, from the list The Nation published on "
        f"24 October 2022. Of {_mw(total)} in total, {_mw(done)} was completed. Coal accounts for {_mw(coal)} "
        f"({share:.0f}%), of which {_mw(coal_done)} was completed; hydro {_mw(hydro)}, of which {_mw(hydro_done)} was "
        f"completed; "
        + "; ".join(
            f"{FUEL_LABELS[f]} {_mw(totals.loc[f, 'total'])}" for f in totals.index[::-1] if f not in ("coal", "hydro")
        )
        + f". Counting the Gwadar coal/solar plant with coal, as the source does, coal is {_mw(coal_all)}."
    )
    table = totals.iloc[::-1].reset_index()
    table["fuel"] = table["fuel"].map(FUEL_LABELS)
    table.columns = ["Fuel", "Completed (MW)", "Under development (MW)", "Potential (MW)", "Total (MW)"]
    return CourseFigure(
        fig, title=title, description=description, datasets=["cpec_energy_projects"],
        source="The Nation, '11 power projects completed under CPEC' (24 Oct 2022), compiled",
        table=table,
        notes="Status as of October 2022. Capacity is installed or planned capacity, not electricity generated.",
    )
