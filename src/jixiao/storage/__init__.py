"""Storage: slim Django models, the one ORM ↔ core mapping, and user-filtered querysets."""
