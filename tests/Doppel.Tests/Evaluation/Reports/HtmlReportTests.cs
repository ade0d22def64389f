using System.Globalization;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Reports;
using Doppel.Synthesizers;

namespace Doppel.Tests.Evaluation.Reports;

public sealed class HtmlReportTests
{
    [Fact]
    public void Same_inputs_give_the_same_bytes()
    {
        string first = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        string second = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        second.ShouldBe(first);
        first.ShouldStartWith("<!DOCTYPE html>");
        first.ShouldNotContain(DateTime.UtcNow.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        string invariant = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics()).ShouldBe(invariant);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Hostile_column_names_and_categories_are_escaped_everywhere()
    {
        string html = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        html.ShouldNotContain(ReportSamples.HostileName);
        html.ShouldNotContain("<script");
        html.ShouldNotContain("'x'");
        html.ShouldContain("&lt;b&gt;&quot;income&quot; &amp; &#39;tax&#39;&lt;/b&gt;");
        html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        // The only tags in the page are the report's own: every "<" starts a known element or comment.
        string[] tags = [.. Regex.Matches(html, "</?([a-zA-Z!][a-zA-Z0-9]*)").Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Order()];
        tags.ShouldBe(["!doctype", "a", "b", "body", "br", "details", "div", "figcaption", "figure", "footer", "h1", "h2", "h3", "head", "header", "html", "i",
            "li", "line", "main", "meta", "nav", "p", "rect", "section", "span", "style", "summary", "svg", "table", "td", "text", "th", "title", "tr", "ul"], ignoreOrder: true);
    }

    [Fact]
    public void No_NaN_or_infinity_reaches_the_page_even_with_missing_and_constant_columns()
    {
        // The samples hold missing values in every kind of column, a constant column, and a breakdown part with NaN and infinity.
        string html = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        AssertNoNonFinite(html);
        html.ShouldContain("not defined"); // the constant column's correlations are grey cells, not NaN
    }

    [Fact]
    public void Columns_that_are_entirely_missing_or_empty_tables_render_without_NaN()
    {
        Metadata metadata = new([new ColumnMetadata("x", ColumnType.Numerical), new ColumnMetadata("y", ColumnType.Numerical),
            new ColumnMetadata("when", ColumnType.DateTime), new ColumnMetadata("c", ColumnType.Categorical)]);
        Table Make(int rows) => new([
            new NumericColumn("x", [.. Enumerable.Repeat(double.NaN, rows)]),
            new NumericColumn("y", [.. Enumerable.Range(0, rows).Select(i => (double)i)]),
            new DateTimeColumn("when", [.. Enumerable.Repeat(DateTimeColumn.Missing, rows)]),
            new CategoricalColumn("c", [.. Enumerable.Repeat(CategoricalColumn.Missing, rows)], ["a"]),
        ]);
        foreach (int rows in new[] { 0, 1, 3 })
        {
            string html = HtmlReport.Render(new EvaluationInputs(Make(rows), Make(rows), metadata), []);
            AssertNoNonFinite(html);
            html.ShouldContain("no real value to chart");
            html.ShouldContain("No metrics were given");
        }
    }

    [Fact]
    public void Values_at_the_limits_of_double_render_without_NaN()
    {
        Metadata metadata = new([new ColumnMetadata("huge", ColumnType.Numerical), new ColumnMetadata("big", ColumnType.Numerical)]);
        Table table = new([
            new NumericColumn("huge", [-double.MaxValue, double.MaxValue, 0]),
            new NumericColumn("big", [1e200, 2e200, 4e200]),
        ]);
        string html = HtmlReport.Render(new EvaluationInputs(table, table, metadata), []);
        AssertNoNonFinite(html);
        html.ShouldContain("not charted: the real values span more than a double can hold");
        html.ShouldContain(">2e+200</text>");
    }

    [Fact]
    public void Random_tables_with_gaps_and_markup_give_well_formed_svg_and_no_NaN()
    {
        var rng = Doppel.Randomness.Rng.FromSeed(11);
        string[] pieces = ["<", ">", "&", "\"", "'", "a", "Ω", "😀", " ", "\u0001"];
        string Name(int i) => $"{i}:" + string.Concat(Enumerable.Range(0, 1 + rng.NextInt(6)).Select(_ => pieces[rng.NextInt(pieces.Length)]));
        for (int round = 0; round < 12; round++)
        {
            int rows = rng.NextInt(40), columns = 2 + rng.NextInt(6);
            string[] names = [.. Enumerable.Range(0, columns).Select(Name)];
            string[] categories = [.. Enumerable.Range(0, 1 + rng.NextInt(15)).Select(Name)];
            Metadata metadata = new([.. names.Select((n, i) => new ColumnMetadata(n, (i % 3) switch { 0 => ColumnType.Numerical, 1 => ColumnType.DateTime, _ => ColumnType.Categorical }))]);
            Table Make() => new([.. names.Select((n, i) => (i % 3) switch
            {
                0 => (Column)new NumericColumn(n, [.. Enumerable.Range(0, rows).Select(_ => rng.NextDouble() < 0.3 ? double.NaN : Math.Round(rng.NextGaussian() * 1e3 * round, rng.NextInt(3)))]),
                1 => new DateTimeColumn(n, [.. Enumerable.Range(0, rows).Select(_ => rng.NextDouble() < 0.3 ? DateTimeColumn.Missing : 630_000_000_000_000_000L + rng.NextInt(1_000_000) * 1_000_000_000L)]),
                _ => new CategoricalColumn(n, [.. Enumerable.Range(0, rows).Select(_ => rng.NextInt(categories.Length + 1) - 1)], categories),
            })]);
            MetricResult metric = new("fidelity", Name(99), rng.NextDouble(), rng.NextGaussian(), Name(98))
            {
                Breakdown = [.. names.Select(n => new MetricPart(n, rng.NextDouble() < 0.2 ? double.NaN : rng.NextDouble(), rng.NextDouble() < 0.2 ? double.NegativeInfinity : rng.NextGaussian(), Name(97)))],
            };
            string html = HtmlReport.Render(new EvaluationInputs(Make(), Make(), metadata), [metric, MetricResult.Skipped("privacy", Name(96), Name(95), Name(94))]);
            AssertNoNonFinite(html);
            foreach (Match svg in Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline))
                Should.NotThrow(() => System.Xml.Linq.XElement.Parse(svg.Value), $"round {round}: {svg.Value[..Math.Min(200, svg.Value.Length)]}");
        }
    }

    [Fact]
    public void Score_cards_show_the_overall_metric_and_each_groups_mean_of_computed_scores()
    {
        IReadOnlyList<ScoreCard> cards = ScoreCard.From(ReportSamples.Metrics());
        cards.Select(c => c.Title).ShouldBe(["Overall quality", "Fidelity", "Diagnostic", "Utility", "Privacy"]);
        cards[0].Score.ShouldBe(0.84);
        cards[1].Score!.Value.ShouldBe((0.9 + 0.7) / 2, 1e-12); // the overall metric does not count again in fidelity
        cards[2].Score.ShouldBe(1.0);
        cards[3].Score.ShouldBe(0.42); // the skipped F1 is left out of the mean
        cards[3].Status.ShouldBe(MetricStatus.Poor);
        cards[3].Skipped.ShouldBe(1);
        cards[4].Score.ShouldBe(0.93);

        string html = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        foreach (string score in new[] { "0.840", "0.800", "1.000", "0.420", "0.930" })
            html.ShouldContain($"<div class=\"score\">{score}</div>");
        html.ShouldContain("<div class=\"card poor\" data-group=\"utility\">");
    }

    [Fact]
    public void Without_an_overall_metric_there_is_no_overall_card_and_an_all_skipped_group_has_no_score()
    {
        MetricResult[] metrics =
        [
            new MetricResult("fidelity", "Column Shapes", 0.5, null, "m"),
            MetricResult.Skipped("privacy", "DCR share", "no holdout", "m"),
        ];
        IReadOnlyList<ScoreCard> cards = ScoreCard.From(metrics);
        cards.Select(c => c.Title).ShouldBe(["Fidelity", "Privacy"]);
        cards[1].Score.ShouldBeNull();
        cards[1].Status.ShouldBe(MetricStatus.Skipped);
        cards[1].Source.ShouldBe("all 1 metric skipped");
        HtmlReport.Render(ReportSamples.MixedInputs(), metrics).ShouldContain("<div class=\"score\">—</div>");
    }

    [Fact]
    public void An_overall_metric_in_a_group_of_its_own_gives_no_empty_group_card()
    {
        MetricResult[] metrics =
        [
            new MetricResult("summary", "Overall score", 0.75, null, "m"),
            new MetricResult("privacy", "DCR share", 0.25, null, "m"),
        ];
        ScoreCard.From(metrics).Select(c => (c.Title, c.Score)).ShouldBe([("Overall quality", (double?)0.75), ("Privacy", 0.25)]);
    }

    [Fact]
    public void Skipped_metrics_are_listed_with_their_reasons()
    {
        string html = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        html.ShouldContain("Skipped metrics (2)");
        html.ShouldContain("<li><b>TSTR F1</b> (utility): no holdout table was given (pass --holdout)</li>");
        html.ShouldContain("<li><b>Singling out</b> (privacy): no quasi-identifiers were given</li>");
        html.ShouldContain("Skipped: no holdout table was given (pass --holdout)");
    }

    [Fact]
    public void Columns_are_charted_worst_first_by_their_fidelity_score_then_in_table_order()
    {
        string html = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        string[] captions = [.. Regex.Matches(html, "<figure id=\"column-\\d+\"><figcaption>([^<]*)<").Select(m => m.Groups[1].Value)];
        // Scored: income 0.62, city 0.71, age 0.95; the NaN score of 'constant' counts as no score; then table order.
        captions.ShouldBe(["&lt;b&gt;&quot;income&quot; &amp; &#39;tax&#39;&lt;/b&gt; ", "city ", "age ", "constant ", "joined ", "member "]);
        html.ShouldContain("Not charted because they are not learned value by value (id, PII, text): <b>id</b>.");
    }

    [Fact]
    public void Every_chart_and_heatmap_is_inline_svg_and_the_page_loads_nothing()
    {
        string html = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        Regex.Matches(html, "<svg ").Count.ShouldBe(6 + 3 + 2); // six columns, three heatmaps, two legends
        html.ShouldNotContain("<script");
        html.ShouldNotContain("<link");
        html.ShouldNotContain("<img");
        html.ShouldNotContain("url(");
        html.ShouldNotContain("@import");
        Regex.Matches(html, "https?://").Select(m => html.Substring(m.Index, 26)).Distinct().ShouldBe(["http://www.w3.org/2000/svg"]);
        html.ShouldContain("default-src 'none'");
    }

    [Fact]
    public void Datetime_axes_are_labelled_with_dates()
    {
        string html = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        // The sample's real dates run from 2020-01-03 to 2021-02-03 (day 2 to day 399 of the pattern).
        html.ShouldContain(">2020-01-03</text>");
        html.ShouldContain(">2021-02-03</text>");
    }

    [Fact]
    public void Datetimes_at_the_ends_of_the_calendar_are_charted()
    {
        Metadata metadata = new([new ColumnMetadata("until", ColumnType.DateTime), new ColumnMetadata("since", ColumnType.DateTime)]);
        Table table = new([
            new DateTimeColumn("until", [DateTime.MaxValue.Ticks, DateTime.MaxValue.Ticks]),
            new DateTimeColumn("since", [DateTime.MinValue.Ticks, DateTime.MinValue.Ticks]),
        ]);
        string html = HtmlReport.Render(new EvaluationInputs(table, table, metadata), []);
        html.ShouldContain(">9999-12-31 23:59</text>");
        html.ShouldContain(">0001-01-01 00:00</text>");
    }

    [Fact]
    public void Breakdowns_are_collapsible_and_list_the_worst_parts_first()
    {
        string html = HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics());
        int details = html.IndexOf("<details><summary>Column Shapes: breakdown (4 parts, worst first)</summary>", StringComparison.Ordinal);
        details.ShouldBeGreaterThan(0);
        string section = html[details..html.IndexOf("</details>", details, StringComparison.Ordinal)];
        string[] items = [.. Regex.Matches(section, "<tr><td>([^<]*)</td>").Select(m => m.Groups[1].Value)];
        items.ShouldBe(["&lt;b&gt;&quot;income&quot; &amp; &#39;tax&#39;&lt;/b&gt;", "city", "age", "constant"]);
    }

    [Fact]
    public void A_wide_table_renders_in_reasonable_size_and_time_and_says_what_it_left_out()
    {
        const int columns = 200, rows = 300;
        var rng = Doppel.Randomness.Rng.FromSeed(3);
        Column[] Make() => [.. Enumerable.Range(0, columns).Select(c =>
            c % 4 == 3
                ? new CategoricalColumn($"c{c}", [.. Enumerable.Range(0, rows).Select(_ => rng.NextInt(30))], [.. Enumerable.Range(0, 30).Select(k => $"value {k}")])
                : (Column)new NumericColumn($"c{c}", [.. Enumerable.Range(0, rows).Select(_ => rng.NextGaussian() * (c + 1))]))];
        Metadata metadata = new([.. Enumerable.Range(0, columns).Select(c => new ColumnMetadata($"c{c}", c % 4 == 3 ? ColumnType.Categorical : ColumnType.Numerical))]);
        var inputs = new EvaluationInputs(new Table(Make()), new Table(Make()), metadata);
        MetricResult shapes = new("fidelity", "Column Shapes", 0.9, null, "m")
        {
            Breakdown = [.. Enumerable.Range(0, columns).Select(c => new MetricPart($"c{c}", (c * 37 % 200) / 200.0))],
        };
        MetricResult pairs = new("fidelity", "Column Pair Trends", 0.9, null, "m")
        {
            Breakdown = [.. Enumerable.Range(0, columns * (columns - 1) / 2).Select(p => new MetricPart($"pair {p}", p % 1000 / 1000.0))],
        };

        var clock = Stopwatch.StartNew();
        string html = HtmlReport.Render(inputs, [shapes, pairs]);
        clock.Stop();

        // Generous bounds that still catch a quadratic blow-up (measured: well under a second and ~1 MB).
        clock.Elapsed.TotalSeconds.ShouldBeLessThan(10);
        html.Length.ShouldBeLessThan(3_000_000);
        html.ShouldContain("Showing 40 of 200 columns");
        html.ShouldContain("Showing 25 of 150 numerical and datetime columns");
        html.ShouldContain("Showing the worst 100 of 19,900 parts.");
        // Lists of left-out columns name the first 30: 160 columns not charted, 125 left out of the heatmaps.
        html.ShouldContain("</b> and 130 more.</p>");
        html.ShouldContain("</b> and 95 more.</p>");
        Regex.Matches(html, "<figure id=\"column-").Count.ShouldBe(40);
        // The first chart is the lowest-scoring column: c0 scores 0.
        html.ShouldContain("<figure id=\"column-0\"><figcaption>c0 ");
        AssertNoNonFinite(html);
    }

    [Fact]
    public void Write_creates_the_file_atomically_and_refuses_to_overwrite_without_permission()
    {
        using var folder = new TempFolder();
        string path = folder.File("report.html");
        HtmlReport.Write(path, ReportSamples.MixedInputs(), ReportSamples.Metrics());
        byte[] bytes = File.ReadAllBytes(path);
        System.Text.Encoding.UTF8.GetString(bytes).ShouldBe(HtmlReport.Render(ReportSamples.MixedInputs(), ReportSamples.Metrics()));
        bytes[0].ShouldBe((byte)'<'); // no byte order mark
        Should.Throw<UsageException>(() => HtmlReport.Write(path, ReportSamples.MixedInputs(), []));
        HtmlReport.Write(path, ReportSamples.MixedInputs(), [], overwrite: true);
        folder.Files().ShouldBe(["report.html"]);
    }

    [Fact]
    public void Options_are_validated_when_built()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new HtmlReportOptions { Bins = 1 });
        Should.Throw<ArgumentOutOfRangeException>(() => new HtmlReportOptions { MaxHeatmapColumns = 101 });
        Should.Throw<ArgumentException>(() => new HtmlReportOptions { Title = " " });
        HtmlReport.Render(ReportSamples.MixedInputs(), [], new HtmlReportOptions { Title = "A & B" }).ShouldContain("<title>A &amp; B</title>");
    }

    [DatasetFact("adult/train.csv")]
    public void Adult_against_a_gaussian_copula_sample_charts_every_learned_column()
    {
        Doppel.IO.LoadedTable loaded = Doppel.IO.TableLoader.Load(Datasets.Require("adult/train.csv"));
        Table synthetic = new Doppel.Synthesizers.GaussianCopula.GaussianCopulaSynthesizer()
            .Fit(loaded.Table, loaded.Metadata).Sample(loaded.Table.RowCount, seed: 1);
        var inputs = new EvaluationInputs(loaded.Table, synthetic, loaded.Metadata);
        MetricResult shapes = new("fidelity", "Column Shapes", 0.9, null, "m")
        {
            Breakdown = [.. ColumnShapes.Score(loaded.Table, synthetic, loaded.Metadata).Select(s => new MetricPart(s.Column, s.Score, Note: s.Metric))],
        };
        string html = HtmlReport.Render(inputs, [shapes]);
        int learned = loaded.Metadata.Columns.Count(c => c.IsLearned);
        Regex.Matches(html, "<figure id=\"column-").Count.ShouldBe(learned);
        Regex.Matches(html, "class=\"chart\"").Count.ShouldBe(learned);
        html.Length.ShouldBeLessThan(1_000_000);
        AssertNoNonFinite(html);
    }

    private static void AssertNoNonFinite(string html)
    {
        html.ShouldNotContain("NaN");
        html.ShouldNotContain("Infinity");
        html.ShouldNotContain("∞");
    }
}
