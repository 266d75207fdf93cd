"""Geometry of the dashboard's SVG charts, computed here so templates only print numbers.

Same approach as the admin's visit statistics (portal/visits/charts.py), whose rounding of
the value axis is reused: no JavaScript, each chart followed by its table of numbers.
"""

from portal.visits.charts import GRID_STEPS, grid_top

WIDTH = 640
PLOT_LEFT = 48
PLOT_RIGHT = 8
PLOT_TOP = 12
PLOT_BOTTOM = 28
# One colour class per series; the CSS gives them colours that differ in lightness too,
# so that they stay apart when printed in grey.
SERIES_CLASSES = ("chart__s1", "chart__s2", "chart__s3", "chart__s4")


def _grid(top, baseline, plot_height):
    return [
        {
            "value": top * step // GRID_STEPS,
            "y": round(baseline - plot_height * step / GRID_STEPS, 1),
        }
        for step in range(GRID_STEPS + 1)
    ]


def stacked_bars(columns, series, height=240):
    """Vertical bars, one per column, stacked by series.

    columns: [(label, [value per series])]; series: [label] in stacking order, bottom first.
    """
    top = grid_top(max((sum(values) for _label, values in columns), default=0))
    plot_width = WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_height = height - PLOT_TOP - PLOT_BOTTOM
    baseline = PLOT_TOP + plot_height
    slot = plot_width / max(len(columns), 1)
    bar_width = max(min(slot * 0.6, 72), 1)
    bars = []
    for index, (label, values) in enumerate(columns):
        x = PLOT_LEFT + index * slot + (slot - bar_width) / 2
        y = baseline
        segments = []
        for number, value in enumerate(values):
            size = plot_height * value / top
            y -= size
            if value:
                segments.append(
                    {
                        "y": round(y, 1),
                        "height": round(size, 1),
                        "value": value,
                        "series": series[number],
                        "css": SERIES_CLASSES[number % len(SERIES_CLASSES)],
                    }
                )
        bars.append(
            {
                "label": label,
                "total": sum(values),
                "x": round(x, 1),
                "width": round(bar_width, 1),
                "centre": round(x + bar_width / 2, 1),
                "top_y": round(y - 4, 1),
                "segments": segments,
            }
        )
    return {
        "width": WIDTH,
        "height": height,
        "left": PLOT_LEFT,
        "right": WIDTH - PLOT_RIGHT,
        "baseline": baseline,
        "label_y": baseline + 18,
        "value_x": PLOT_LEFT - 6,
        "grid": _grid(top, baseline, plot_height),
        "bars": bars,
        "legend": [
            {"label": label, "css": SERIES_CLASSES[number % len(SERIES_CLASSES)]}
            for number, label in enumerate(series)
        ],
    }


def horizontal_bars(rows, label_width=250, row_height=24):
    """Horizontal bars, one per (label, value) row, labels on the left, values at the end."""
    top = max((value for _label, value in rows), default=0) or 1
    plot_left = label_width
    plot_width = WIDTH - plot_left - 40
    bars = []
    for index, (label, value) in enumerate(rows):
        y = PLOT_TOP + index * row_height
        length = plot_width * value / top
        bars.append(
            {
                "label": label,
                "value": value,
                "y": y,
                "height": row_height - 6,
                "width": round(length, 1),
                "text_y": y + (row_height - 6) / 2 + 4,
                "value_x": round(plot_left + length + 6, 1),
            }
        )
    return {
        "width": WIDTH,
        "height": PLOT_TOP * 2 + len(rows) * row_height,
        "left": plot_left,
        "label_x": plot_left - 8,
        "bars": bars,
    }


def progress(done, planned, width=WIDTH, height=28):
    """A bar of done against planned (done may pass planned: the bar then is full)."""
    share = min(done / planned, 1) if planned else 0
    return {
        "width": width,
        "height": height,
        "done_width": round(width * share, 1),
        "percent": round(100 * share),
    }
