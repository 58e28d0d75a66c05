"""Readers and writers (adapters) around the neutral :class:`~jixiao.io.table.Table`.

``table`` and ``build`` are pure Python (no file-format library); each reader in ``readers``
turns one format into tables of cells, and ``build`` turns those into goal tables.
"""
