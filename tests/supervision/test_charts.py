"""The charts' geometry: every number drawn inside the picture, 0 % told from no data."""

from supervision.charts import STAGE_WIDTH, TREND_WIDTH, stage_chart, trend_chart, wrap


def test_trend_columns_scale_to_the_share_and_mark_zero_and_empty_weeks():
    chart = trend_chart(
        [("5", None, "", "/a"), ("6", 0.0, "", "/b"), ("7", 50.0, "", "/c"), ("8", 100.0, "", "/d")]
    )
    empty, zero, half, full = chart.columns
    assert empty.empty and empty.height == 0
    assert zero.zero and 0 < zero.height < 5  # a sliver, not nothing
    assert full.height == round(chart.baseline - chart.grid[-1].y, 1)
    assert abs(half.height - full.height / 2) < 0.2
    assert all(c.x >= chart.left and c.x + c.width <= TREND_WIDTH for c in chart.columns)


def test_trend_labels_are_thinned_on_a_year():
    chart = trend_chart([(str(n), 50.0, "", "") for n in range(1, 54)])
    shown = [c.label for c in chart.columns if c.show_label]
    assert 8 <= len(shown) <= 14 and shown[0] == "1"


def test_stage_bars_and_their_numbers_fit_the_width():
    value = "4 орындалуда, 3 мерзімі өткен"
    chart = stage_chart(
        [
            (
                "",
                [
                    (
                        "Тұрғын үй-тұрмыстық жағдайларын тексеру және акт жасау",
                        4,
                        3,
                        value,
                        "",
                        "/x",
                    ),
                    (
                        "Құжаттардың толықтығын тексеру",
                        1,
                        0,
                        "1 орындалуда, 0 мерзімі өткен",
                        "",
                        "/y",
                    ),
                ],
            )
        ]
    )
    longest, short = chart.bars
    assert longest.value_x + len(value) * 7.2 <= STAGE_WIDTH
    assert longest.overdue_width == 3 * longest.in_term_width  # 3 of 4 overdue
    assert short.overdue_width == 0
    assert short.bar_y > longest.bar_y


def test_long_labels_wrap():
    lines = wrap("Consent of the child aged 10 or older " * 3, 40)
    assert all(len(line) <= 40 for line in lines) and len(lines) == 3
