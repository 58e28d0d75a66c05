"""jixiao (绩效): public-sector budget performance management (预算绩效管理)."""

__version__ = "0.1.0"
