"""The debrief as plain data (`build_report`) and the renderers that need no window (Markdown, HTML)."""
