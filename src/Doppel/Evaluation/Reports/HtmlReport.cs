using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.IO;
using Doppel.Evaluation.Reports.Svg;

namespace Doppel.Evaluation.Reports;

/// <summary>
/// The evaluation report as one self-contained HTML page: score cards, real-versus-synthetic distribution charts,
/// correlation heatmaps and every metric with its breakdown. Inline CSS and SVG only — no script, font, image or
/// any other request — so it opens offline and can be mailed as one file. The same inputs give the same bytes
/// (no date, no random identifiers). It shows metrics; the only things it computes are the charts' histograms,
/// category shares and correlations, from <see cref="EvaluationInputs.Real"/> and <see cref="EvaluationInputs.Synthetic"/>.
/// </summary>
public static partial class HtmlReport
{
    /// <summary>The page as a string.</summary>
    public static string Render(EvaluationInputs inputs, IReadOnlyList<MetricResult> metrics, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(metrics);
        options ??= new HtmlReportOptions();
        var html = new StringBuilder(64 * 1024);
        string title = HtmlText.Escape(options.Title);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            // Nothing on the page may load anything: the policy makes the browser refuse it even if markup tried.
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<title>").Append(title).Append("</title>\n<style>").Append(Stylesheet).Append("</style>\n</head>\n<body>\n");
        html.Append("<header>\n<h1>").Append(title).Append("</h1>\n");
        AppendShape(html, inputs);
        html.Append("<nav><a href=\"#scores\">Scores</a> · <a href=\"#distributions\">Distributions</a> · <a href=\"#correlations\">Correlations</a> · <a href=\"#metrics\">Metrics</a></nav>\n</header>\n<main>\n");
        AppendScores(html, metrics);
        AppendDistributions(html, inputs, metrics, options);
        AppendCorrelations(html, inputs, metrics, options);
        AppendMetrics(html, metrics, options);
        html.Append("</main>\n<footer>Made by Doppel ").Append(Version).Append(". Scores are in [0, 1], higher is better: good ≥ 0.8, warning ≥ 0.5, poor below.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Renders the page and writes it (UTF-8, no byte order mark) atomically: the file appears complete or not at all.</summary>
    public static void Write(string path, EvaluationInputs inputs, IReadOnlyList<MetricResult> metrics, HtmlReportOptions? options = null, bool overwrite = false)
    {
        AtomicFileWriter.CheckTarget(path, overwrite);
        string page = Render(inputs, metrics, options);
        AtomicFileWriter.WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(page), overwrite);
    }

    private static string Version => typeof(HtmlReport).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "";

    private static void AppendShape(StringBuilder html, EvaluationInputs inputs)
    {
        html.Append("<table class=\"shape\">\n<tr><th></th><th>rows</th><th>columns</th></tr>\n");
        AppendShapeRow(html, "real", inputs.Real);
        AppendShapeRow(html, "synthetic", inputs.Synthetic);
        if (inputs.Holdout is { } holdout) AppendShapeRow(html, "holdout", holdout);
        else html.Append("<tr><th>holdout</th><td colspan=\"2\">none given</td></tr>\n");
        html.Append("</table>\n<p class=\"roles\">");
        var roles = new List<string>();
        if (inputs.Target is { } target) roles.Add($"Target: <b>{HtmlText.Escape(target)}</b>");
        if (inputs.Sensitive.Count > 0) roles.Add($"Sensitive: {Names(inputs.Sensitive)}");
        if (inputs.QuasiIdentifiers.Count > 0) roles.Add($"Quasi-identifiers: {Names(inputs.QuasiIdentifiers)}");
        roles.Add($"Seed: {inputs.Seed.ToString(CultureInfo.InvariantCulture)}");
        html.AppendJoin(" · ", roles).Append("</p>\n");
        if (inputs.Model is { } model) html.Append("<p class=\"roles\">Model: ").Append(HtmlText.Escape(model.Describe())).Append("</p>\n");
    }

    private static void AppendShapeRow(StringBuilder html, string name, Table table) =>
        html.Append("<tr><th>").Append(name).Append("</th><td>").Append(Count(table.RowCount)).Append("</td><td>")
            .Append(Count(table.Columns.Count)).Append("</td></tr>\n");

    private const int NamesListed = 30;

    /// <summary>Column names, escaped, joined with commas; past the first 30, only how many more there are.</summary>
    private static string Names(IEnumerable<string> names)
    {
        string[] all = [.. names];
        string listed = string.Join(", ", all.Take(NamesListed).Select(n => "<b>" + HtmlText.Escape(n) + "</b>"));
        return all.Length > NamesListed ? $"{listed} and {Count(all.Length - NamesListed)} more" : listed;
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The CSS class of a status ("good", "warning", "poor", "skipped").</summary>
    private static string StatusClass(MetricStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A finite value or null: breakdown parts are not validated on construction, so NaN must stop here.</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private const string Stylesheet = """

:root{--real:#3b6fb6;--syn:#e8833a;--good:#1a7f37;--warning:#9a6700;--poor:#cf222e;--skipped:#6e7781;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Liberation Sans",Arial,sans-serif;color:#1f2328;background:#fff}
header,main,footer{max-width:1280px;margin:0 auto;padding:0 20px}
h1{font-size:24px;margin:20px 0 8px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}
nav{margin:8px 0 0}a{color:#0969da}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.shape td{text-align:right}
.roles,.note,footer{color:var(--muted)}footer{margin:32px auto 24px;font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0}
.card{border:1px solid var(--line);border-top:6px solid var(--skipped);border-radius:6px;padding:10px 14px;min-width:170px}
.card.good{border-top-color:var(--good)}.card.warning{border-top-color:var(--warning)}.card.poor{border-top-color:var(--poor)}
.card .title{font-weight:600}.card .score{font-size:30px;font-weight:700;font-variant-numeric:tabular-nums}.card .source{color:var(--muted);font-size:12px;max-width:240px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;background:var(--skipped);white-space:nowrap}
.badge.good{background:var(--good)}.badge.warning{background:var(--warning)}.badge.poor{background:var(--poor)}
.charts{display:flex;flex-wrap:wrap;gap:14px;margin:10px 0}
figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px}
figcaption{font-weight:600;margin-bottom:4px;max-width:380px;overflow-wrap:anywhere}figcaption .kind{color:var(--muted);font-weight:400;font-size:12px}
.facts{color:var(--muted);font-size:12px;margin:2px 0 0;max-width:380px}
svg.chart{display:block;overflow:visible}
svg .real{fill:var(--real);fill-opacity:.6}svg .syn{fill:var(--syn);fill-opacity:.6}
svg .gridline{stroke:#eaeef2;stroke-width:1}svg .axis{stroke:#8c959f;stroke-width:1}
svg text{font:10px system-ui,-apple-system,"Segoe UI","Liberation Sans",Arial,sans-serif;fill:#424a53}svg text.legend{font-size:11px}svg text.cell{font-size:9px;fill:#1f2328}svg text.on-dark{fill:#fff}
details{border:1px solid var(--line);border-radius:6px;padding:4px 10px;margin:6px 0}summary{cursor:pointer;font-weight:600}
ul.skipped li{margin:2px 0}

""";
}
