"""Rule presets as TOML data (read by :mod:`jixiao.rules.config`)."""
