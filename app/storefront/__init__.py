"""The public storefront (Pasal 19(4)(e)): search, product and seller pages, suggestions, and
the public product records shared with the JSON API and the feeds."""
