"""The pure core: model, target-value grammar, units, money, problems, source locations.

Nothing in this package imports a web framework or a file-format library.
"""
