"""The course's chart and map builders. Each returns a :class:`coursekit.CourseFigure`.

Builders are looked up on first use, so importing the package stays quick and a chapter only loads what it draws.
"""
from __future__ import annotations

import importlib

# builder name -> module in this package
BUILDERS = {
    # US aid, Chinese official finance
    "us_aid_by_year": "aid",
    "china_finance_by_year": "aid",
    "china_finance_by_sector": "aid",
    "us_china_finance_comparison": "aid",
    "aid_explorer": "aid",
    # arms transfers
    "arms_imports_by_supplier": "arms",
    "arms_supplier_shares": "arms",
    # maps and CPEC
    "region_map": "maps",
    "cpec_map": "maps",
    "cpec_energy_by_fuel": "maps",
    # trade, remittances, debt
    "trade_partners": "economy",
    "trade_with_china_sources": "economy",
    "exports_to_us_china": "economy",
    "remittances_by_country": "economy",
    "remittances_total": "economy",
    "debt_service_by_creditor": "economy",
    "china_debt_share_estimates": "economy",
    "gdp_population_context": "economy",
    # opinion, students, soft power
    "pew_favourability": "society",
    "students": "society",
    "china_public_diplomacy": "society",
    # the interactive timeline
    "timeline": "timeline",
}


def __getattr__(name: str):
    module_name = BUILDERS.get(name)
    if module_name is None:
        raise AttributeError(f"coursekit.charts has no builder {name!r}; builders: {', '.join(sorted(BUILDERS))}")
    module = importlib.import_module(f"{__name__}.{module_name}")
    builder = getattr(module, name)
    # Importing charts/timeline.py binds `charts.timeline` to that module; bind the builder over it, once.
    globals()[name] = builder
    return builder


def __dir__() -> list[str]:
    return sorted(BUILDERS)
