using System.Text.RegularExpressions;
using Doppel.Evaluation.Reports;
using Doppel.Evaluation.Reports.Svg;

namespace Doppel.Tests.Evaluation.Reports;

public sealed class SvgTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.00001, "-1e-05")]
    [InlineData(1234.5678, "1235")]
    [InlineData(0.123456, "0.1235")]
    [InlineData(123456.7, "123457")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e15, "1e+15")]
    [InlineData(3e-7, "3e-07")]
    public void Labels_keep_four_significant_digits_in_invariant_culture(double value, string expected) =>
        SvgNumber.Label(value).ShouldBe(expected);

    [Fact]
    public void Fixed_numbers_never_print_minus_zero_and_scores_keep_three_decimals()
    {
        SvgNumber.Fixed(-0.001, 2).ShouldBe("0");
        SvgNumber.Coordinate(12.345).ShouldBe("12.35");
        SvgNumber.Coordinate(7).ShouldBe("7");
        SvgNumber.Score(0.8).ShouldBe("0.800");
        SvgNumber.Percent(0.125).ShouldBe("13%");
        SvgNumber.Percent(0.0125).ShouldBe("1.3%");
        SvgNumber.Percent(0).ShouldBe("0%");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_numbers_are_refused_so_they_cannot_reach_a_page(double value)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SvgNumber.Label(value));
        Should.Throw<ArgumentOutOfRangeException>(() => SvgNumber.Coordinate(value));
        Should.Throw<ArgumentOutOfRangeException>(() => ColorScale.Correlation.Color(value));
    }

    [Fact]
    public void Axis_ticks_are_round_steps_inside_the_range()
    {
        AxisTicks.Nice(0, 1, 6).ShouldBe([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1], tolerance: 1e-12);
        AxisTicks.Nice(3, 97, 5).ShouldBe([20, 40, 60, 80]);
        AxisTicks.Nice(-7, 7, 8).ShouldBe([-6, -4, -2, 0, 2, 4, 6]);
        AxisTicks.Nice(5, 5, 4).ShouldBe([5]);
        AxisTicks.NiceStep(0.3).ShouldBe(0.5);
        AxisTicks.NiceStep(2).ShouldBe(2);
        AxisTicks.Nice(0, 10, 3).ShouldBe([0, 5, 10]);
        AxisTicks.NiceStep(7).ShouldBe(10);
        Should.Throw<ArgumentOutOfRangeException>(() => AxisTicks.Nice(0, double.NaN, 5));
    }

    [Fact]
    public void Colour_scales_interpolate_between_their_stops_and_clamp_outside()
    {
        ColorScale.Correlation.Color(-1).ShouldBe("#2166ac");
        ColorScale.Correlation.Color(0).ShouldBe("#f7f7f7");
        ColorScale.Correlation.Color(1).ShouldBe("#b2182b");
        ColorScale.Correlation.Color(0.5).ShouldBe("#d58891"); // halfway from f7f7f7 to b2182b: 212.5 → d5, 135.5 → 88, 145 → 91
        ColorScale.Difference.Color(3).ShouldBe("#b35806");
        ColorScale.IsDark("#b2182b").ShouldBeTrue(); // luminance (0.2126·178 + 0.7152·24 + 0.0722·43) / 255 ≈ 0.22
        ColorScale.IsDark("#f7f7f7").ShouldBeFalse();
    }

    [Fact]
    public void The_writer_escapes_text_and_titles_and_closes_elements()
    {
        var svg = new SvgWriter(100, 50, "a < b");
        svg.Rect(1, 2, 3, -4, "real", "x & \"y\"");
        svg.Line(0, 0, 10, 10, "axis");
        svg.Text(5, 6, "<i>", TextAnchor.Middle, "tick", rotate: -90);
        string markup = svg.End();
        markup.ShouldBe("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"100\" height=\"50\" viewBox=\"0 0 100 50\" role=\"img\" aria-label=\"a &lt; b\">"
            + "<rect x=\"1\" y=\"2\" width=\"3\" height=\"0\" class=\"real\"><title>x &amp; &quot;y&quot;</title></rect>"
            + "<line x1=\"0\" y1=\"0\" x2=\"10\" y2=\"10\" class=\"axis\"/>"
            + "<text x=\"5\" y=\"6\" text-anchor=\"middle\" class=\"tick\" transform=\"rotate(-90 5 6)\">&lt;i&gt;</text></svg>");
        Should.Throw<InvalidOperationException>(() => svg.End());
        Should.Throw<InvalidOperationException>(() => svg.Line(0, 0, 1, 1, "axis"));
    }

    [Fact]
    public void Escaping_replaces_control_characters_and_lone_surrogates_but_keeps_pairs()
    {
        HtmlText.Escape("a\u0000b\tc").ShouldBe("a\uFFFDb\tc");
        HtmlText.Escape("x\uD800y").ShouldBe("x\uFFFDy");
        HtmlText.Escape("😀 & 'q'").ShouldBe("😀 &amp; &#39;q&#39;");
        HtmlText.Escape(null).ShouldBe("");
        HtmlText.Shorten("abcdefgh", 5).ShouldBe("abcd…");
        HtmlText.Shorten("abc😀def", 5).ShouldBe("abc…"); // never half a surrogate pair
        HtmlText.Shorten("abc", 5).ShouldBe("abc");
    }

    [Fact]
    public void A_histogram_draws_bars_whose_heights_are_proportional_to_their_shares()
    {
        string markup = HistogramChart.Render("h", [0, 1, 2], [0.5, 0.25], [0.25, 0], [0, 1, 2], SvgNumber.Label);
        // At most five share ticks up to 0.5 give 0, 0.2, 0.4, so the axis ends at 0.6, over a plot 150 px high:
        // 0.5 → 125 px, 0.25 → 62.5 px.
        string[] heights = [.. Regex.Matches(markup, "<rect x=\"[^\"]+\" y=\"[^\"]+\" width=\"[^\"]+\" height=\"([^\"]+)\" class=\"(real|syn)\"><title>")
            .Select(m => m.Groups[2].Value + " " + m.Groups[1].Value)];
        heights.ShouldBe(["real 125", "syn 62.5", "real 62.5"]); // a zero share draws no bar
        markup.ShouldContain("<title>real 50% in 0 to 1</title>");
        Should.Throw<ArgumentException>(() => HistogramChart.Render("h", [1, 1], [1], [1], [], SvgNumber.Label));
    }

    [Fact]
    public void A_bar_chart_has_one_row_per_category_with_the_full_name_as_tooltip_when_shortened()
    {
        string longName = new('x', 30);
        string markup = BarChart.Render("b", ["a", longName], [0.75, 0.25], [0.5, 0.5]);
        Regex.Matches(markup, "class=\"real\"").Count.ShouldBe(2 + 1); // two bars and the legend swatch
        markup.ShouldContain($"<title>{longName}</title>{new string('x', 19)}…</text>");
        BarChart.HeightFor(2).ShouldBe(92);
    }

    [Fact]
    public void A_heatmap_colours_defined_cells_and_greys_undefined_ones()
    {
        double?[,] values = { { 1, null }, { null, 1 } };
        string markup = HeatmapChart.Render("m", ["p", "q"], values, ColorScale.Correlation);
        Regex.Matches(markup, "fill=\"#b2182b\"").Count.ShouldBe(2);
        Regex.Matches(markup, $"fill=\"{ColorScale.Undefined}\"").Count.ShouldBe(2);
        markup.ShouldContain("<title>p × q: not defined</title>");
        markup.ShouldContain("class=\"cell on-dark\">1</text>"); // cells of a small matrix print their value, light on dark
        HeatmapChart.CellSize(100).ShouldBe(12);
        HeatmapChart.CellSize(2).ShouldBe(34);
    }
}
