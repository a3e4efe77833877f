"""JSON API v1: the open data of the toko daring, described by an OpenAPI 3.1 document."""
