"""Imports every rule family so that their rules register (order of import = family order)."""

from jixiao.rules import appropriateness, completeness, feasibility, relevance

FAMILIES = (completeness, relevance, appropriateness, feasibility)
