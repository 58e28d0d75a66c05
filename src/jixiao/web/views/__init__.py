"""Views: thin — read the request, call a service or query, render. One module per area."""
