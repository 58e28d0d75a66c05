"""The web system (Django): goal tables, import, review workflow for many units and users."""
