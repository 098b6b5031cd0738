"""法律顾问与普法 pages, one module per concept. Thin: check access, bind, call a selector or service."""
