"""Geometry of the two dashboard charts, drawn as inline SVG by the templates.

No JavaScript and no chart library (the portal runs on a closed network): the view
computes coordinates from the same rows the tables show, the template writes <rect>,
<line> and <text>. Every chart also has a <title>, a <desc> and its numbers as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

# Sizes in SVG user units; the SVG scales to the width available (at most its own
# width in CSS pixels), so these are chosen to stay legible on a phone as well.
TREND_WIDTH = 600
TREND_HEIGHT = 240
TREND_LEFT = 44
TREND_RIGHT = 10
TREND_TOP = 14
TREND_BOTTOM = 40
MAX_X_LABELS = 14
ZERO_MARK = 3.0  # a week where nothing was on time still shows a sliver (0 % ≠ no data)

STAGE_WIDTH = 520
STAGE_BAR = 18
STAGE_VALUE_ROOM = 120
CHAR_WIDTH = 7.2


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label: str
    show_label: bool
    title: str
    url: str
    empty: bool
    zero: bool


@dataclass(frozen=True)
class GridLine:
    y: float
    label: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: int
    right_edge: int
    baseline: float
    columns: list[Column]
    grid: list[GridLine]

    @property
    def grid_label_x(self) -> int:
        return self.left - 6

    @property
    def x_label_y(self) -> float:
        return self.baseline + 16

    @property
    def empty_mark_y(self) -> float:
        return self.baseline - 4

    @property
    def axis_title_y(self) -> int:
        return self.height - 6


def trend_chart(points: list[tuple[str, float | None, str, str]]) -> TrendChart:
    """Columns of on-time share (0–100 %) per week. ``points``: (x label, share or None
    when nothing was decided that week, tooltip, link)."""
    plot_width = TREND_WIDTH - TREND_LEFT - TREND_RIGHT
    plot_height = TREND_HEIGHT - TREND_TOP - TREND_BOTTOM
    baseline = TREND_TOP + plot_height
    count = max(len(points), 1)
    band = plot_width / count
    bar = max(band * 0.6, 1.0)
    every = max(1, ceil(len(points) / MAX_X_LABELS))
    columns = []
    for index, (label, value, title, url) in enumerate(points):
        x = TREND_LEFT + index * band + (band - bar) / 2
        height = 0.0 if value is None else max(plot_height * value / 100.0, ZERO_MARK)
        columns.append(
            Column(
                x=round(x, 1),
                y=round(baseline - height, 1),
                width=round(bar, 1),
                height=round(height, 1),
                label_x=round(x + bar / 2, 1),
                label=label,
                show_label=index % every == 0,
                title=title,
                url=url,
                empty=value is None,
                zero=value == 0,
            )
        )
    grid = [
        GridLine(y=round(baseline - plot_height * percent / 100.0, 1), label=f"{percent}%")
        for percent in (0, 25, 50, 75, 100)
    ]
    return TrendChart(
        width=TREND_WIDTH,
        height=TREND_HEIGHT,
        left=TREND_LEFT,
        right_edge=TREND_WIDTH - TREND_RIGHT,
        baseline=baseline,
        columns=columns,
        grid=grid,
    )


LABEL_LINE = 17
LABEL_CHARS = 58  # about what fits in one line of the stage chart at 14 units


def wrap(text: str, width: int = LABEL_CHARS) -> list[str]:
    """Split a label into lines at spaces (SVG text does not wrap by itself)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class LabelLine:
    y: float
    text: str


@dataclass(frozen=True)
class StageBar:
    lines: list[LabelLine]
    bar_y: float
    in_term_width: float
    overdue_x: float
    overdue_width: float
    value_x: float
    text_y: float
    value: str
    title: str
    url: str


@dataclass(frozen=True)
class GroupHeading:
    y: float
    lines: list[LabelLine]


@dataclass(frozen=True)
class StageChart:
    width: int
    height: int
    left: int
    bar_height: int
    bars: list[StageBar]
    headings: list[GroupHeading]


def stage_chart(groups: list[tuple[str, list[tuple[str, int, int, str, str, str]]]]) -> StageChart:
    """Horizontal bars of open applications per stage, the overdue part in red, each
    under its stage's name. ``groups``: (service title, or "" for no heading, [(stage
    label, open, overdue, value text, tooltip, link)])."""
    left = 4
    # Room right of the longest bar for its value text (about 7.2 units a character at
    # 13 units; the text's length depends on the language).
    longest_value = max((len(row[3]) for _title, rows in groups for row in rows), default=0)
    value_room = max(STAGE_VALUE_ROOM, int(longest_value * CHAR_WIDTH) + 12)
    plot_width = STAGE_WIDTH - left - value_room
    largest = max((row[1] for _title, rows in groups for row in rows), default=0) or 1
    y = 4.0
    bars, headings = [], []
    for title, rows in groups:
        if title:
            lines = [
                LabelLine(y + LABEL_LINE * (i + 1), text)
                for i, text in enumerate(wrap(title, LABEL_CHARS - 6))
            ]
            headings.append(GroupHeading(y=y, lines=lines))
            y += LABEL_LINE * len(lines) + 10
        for label, total, overdue, value, tooltip, url in rows:
            lines = [
                LabelLine(y + LABEL_LINE * (i + 1) - 3, text) for i, text in enumerate(wrap(label))
            ]
            width = plot_width * total / largest
            late = plot_width * overdue / largest
            bar_y = y + LABEL_LINE * len(lines) + 2
            bars.append(
                StageBar(
                    lines=lines,
                    bar_y=bar_y,
                    in_term_width=round(width - late, 1),
                    overdue_x=round(left + width - late, 1),
                    overdue_width=round(late, 1),
                    value_x=round(left + width + 6, 1),
                    text_y=bar_y + STAGE_BAR - 4,
                    value=value,
                    title=tooltip,
                    url=url,
                )
            )
            y = bar_y + STAGE_BAR + 12
    return StageChart(
        width=STAGE_WIDTH,
        height=int(y + 4),
        left=left,
        bar_height=STAGE_BAR,
        bars=bars,
        headings=headings,
    )
