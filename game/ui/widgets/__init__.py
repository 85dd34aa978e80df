"""Small drawing helpers: wrapped text, scrolling documents, menus, gauges, charts."""
