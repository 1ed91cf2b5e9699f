"""Geometry for the statistics page's chart; the template draws it as SVG. Pure."""

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 16, 36


@dataclass(frozen=True)
class Week:
    label: str  # e.g. "Nov 16"
    decided: int
    upheld_percent: float | None  # of automatically flagged cases decided that week


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label_x: float
    week: Week


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    line: str  # SVG polyline points for the upheld share
    points: list[tuple[float, float, Week]]
    count_ticks: list[tuple[float, int]]
    percent_ticks: list[tuple[float, int]]
    baseline: float
    right: float


def weekly_chart(weeks: list[Week]) -> Chart:
    """Bars for decisions per week (left axis), a line for the share of automatic
    flags that moderators upheld (right axis, 0-100%)."""
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    top_count = max([w.decided for w in weeks] + [1])
    step = plot_width / max(len(weeks), 1)
    bars, points = [], []
    for index, week in enumerate(weeks):
        height = plot_height * week.decided / top_count
        x = LEFT + index * step
        bars.append(Bar(x=round(x + step * 0.15, 1), y=round(baseline - height, 1), width=round(step * 0.7, 1),
                        height=round(height, 1), label_x=round(x + step / 2, 1), week=week))
        if week.upheld_percent is not None:
            points.append((round(x + step / 2, 1), round(baseline - plot_height * week.upheld_percent / 100, 1), week))
    counts = sorted({0, top_count // 2, top_count})  # whole numbers only, each once
    count_ticks = [(round(baseline - plot_height * c / top_count, 1), c) for c in counts]
    percent_ticks = [(round(baseline - plot_height * p / 100, 1), p) for p in (0, 50, 100)]
    return Chart(
        width=WIDTH, height=HEIGHT, bars=bars, line=" ".join(f"{x},{y}" for x, y, _ in points), points=points,
        count_ticks=count_ticks, percent_ticks=percent_ticks, baseline=baseline, right=WIDTH - RIGHT,
    )
