"""Scoring: year-end self-evaluation (绩效自评) and in-year monitoring (绩效运行监控).

Pure core: no I/O library. Every choice where the sources disagree lives in a
:class:`~jixiao.scoring.schemes.Scheme` (TOML, presets in ``schemes/``); every score carries its
:class:`~jixiao.scoring.explain.Explanation`.
"""
