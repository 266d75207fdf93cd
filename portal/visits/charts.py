"""Geometry of the admin's bar charts of visits, computed here so the template only prints
numbers: the charts are SVG drawn on the server, the page needs no JavaScript.

The rounding of the value axis (grid_top) is shared with the inspections dashboard.
"""

CHART_WIDTH = 760
CHART_HEIGHT = 260
# Room for the value labels on the left and the date labels below the bars.
PLOT_LEFT = 64
PLOT_RIGHT = 8
PLOT_TOP = 12
PLOT_BOTTOM = 32
GRID_STEPS = 4


def bar_chart(points, label_every=1):
    """Geometry of a bar chart of points ({label, title, visits}), oldest on the left.

    Every `label_every`-th bar is labelled below, counting back from the newest, so that the
    latest day always has its date.
    """
    top = grid_top(max((point["visits"] for point in points), default=0))
    plot_width = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_height = CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    baseline = PLOT_TOP + plot_height
    slot = plot_width / max(len(points), 1)
    bar_width = max(slot * 0.7, 1)
    bars = []
    for index, point in enumerate(points):
        height = plot_height * point["visits"] / top
        x = PLOT_LEFT + index * slot + (slot - bar_width) / 2
        bars.append(
            {
                **point,
                "x": round(x, 1),
                "y": round(baseline - height, 1),
                "width": round(bar_width, 1),
                "height": round(height, 1),
                "centre": round(x + bar_width / 2, 1),
                "labelled": (len(points) - 1 - index) % label_every == 0,
            }
        )
    grid = [
        {
            "value": top * step // GRID_STEPS,
            "y": round(baseline - plot_height * step / GRID_STEPS, 1),
        }
        for step in range(GRID_STEPS + 1)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": PLOT_LEFT,
        "right": CHART_WIDTH - PLOT_RIGHT,
        "baseline": baseline,
        "label_y": baseline + 20,
        "value_x": PLOT_LEFT - 8,
        "bars": bars,
        "grid": grid,
    }


def grid_top(largest):
    """The top of the value axis: the least round number ≥ largest whose quarters are round.

    A quarter (one grid step) is 1, 2, 2.5 or 5 times a power of ten, and whole.
    """
    decade = 1
    while True:
        for mantissa in (1, 2, 2.5, 5):
            step = mantissa * decade
            if step == int(step) and step * GRID_STEPS >= largest:
                return int(step) * GRID_STEPS
        decade *= 10
