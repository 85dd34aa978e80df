"""The debrief as plain data (`build_report`) and the renderers that need no window (Markdown, HTML).

Layer: above the engine, the scenario and the analysis; below the front ends, which only lay a report out.
"""

from game.report.build import build_report
from game.report.model import Report
from game.report.render_html import render_html
from game.report.render_md import render_markdown

__all__ = ["Report", "build_report", "render_html", "render_markdown"]
