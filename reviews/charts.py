"""The trend chart, drawn on the server as SVG: one small chart per jigsaw piece, lived
experience and professionals as two lines told apart by line style and marker shape (not by
colour alone). The page puts a table of the same numbers next to it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Piece, RoleGroup
from .results import GROUPS, TrendPoint

WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP, BOTTOM = 110, 20, 20, 40
SCALE_LABELS = {
    1: gettext_lazy("Not yet"),
    2: gettext_lazy("A little"),
    3: gettext_lazy("Mostly"),
    4: gettext_lazy("Fully"),
}
STYLES = {
    RoleGroup.LIVED: {"dash": "", "marker": "circle"},
    RoleGroup.PROFESSIONAL: {"dash": "6 4", "marker": "square"},
}


@dataclass
class Series:
    label: str
    dash: str
    marker: str
    points: list[tuple[float, float]]

    @property
    def markers(self) -> list[dict]:
        return [{"x": x, "y": y, "left": x - 5, "top": y - 5} for x, y in self.points]

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _y(score) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (4 - float(score)) / 3


def _shown(mean) -> str:
    return _("not shown") if mean is None else str(mean)


def trend_charts(points: list[TrendPoint]) -> list[dict]:
    """Chart data for each piece: gridlines, cycle labels, and a series per group."""
    labels = dict(RoleGroup.choices)
    charts = []
    for piece, piece_label in Piece.choices:
        series = []
        for group in GROUPS:
            # A gap (a hidden or empty value) breaks the line into the points either side.
            coords = [
                (_x(i, len(points)), _y(p.means[piece][group]))
                for i, p in enumerate(points)
                if p.means[piece][group] is not None
            ]
            series.append(Series(labels[group], **STYLES[group], points=coords))
        description = "; ".join(
            _("%(review)s (%(month)s): %(means)s")
            % {
                "review": p.cycle.title,
                "month": f"{p.cycle.closes_on:%b %Y}",
                "means": ", ".join(f"{labels[g]} {_shown(p.means[piece][g])}" for g in GROUPS),
            }
            for p in points
        )
        charts.append(
            {
                "piece": piece,
                "title": _("%(piece)s: mean score at each review") % {"piece": piece_label},
                "desc": description,
                "width": WIDTH,
                "height": HEIGHT,
                "grid": [(round(_y(v), 1), label) for v, label in SCALE_LABELS.items()],
                "x_labels": [
                    (round(_x(i, len(points)), 1), f"{p.cycle.closes_on:%b %Y}")
                    for i, p in enumerate(points)
                ],
                "series": series,
                "left": LEFT,
                "right": WIDTH - RIGHT,
                "axis_y": HEIGHT - BOTTOM + 20,
            }
        )
    return charts
