using Doppel.Evaluation;
using Doppel.Evaluation.Reports;
using Doppel.Tests;
using Doppel.Tests.Evaluation.Reports;
using Microsoft.Playwright;

namespace Doppel.BrowserTests;

public sealed class HtmlReportBrowserTests
{
    [ChromiumFact]
    public async Task The_report_opens_from_a_file_with_visible_scores_drawn_charts_no_errors_and_no_requests()
    {
        using var folder = new TempFolder();
        string path = folder.File("report.html");
        EvaluationInputs inputs = ReportSamples.MixedInputs();
        IReadOnlyList<MetricResult> metrics = ReportSamples.Metrics();
        HtmlReport.Write(path, inputs, metrics);
        string url = new Uri(path).AbsoluteUri;

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await Chromium.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var problems = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add($"console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Request += (_, request) => requests.Add(request.Url);
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");

        IResponse? response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        response.ShouldNotBeNull();

        // Score cards: one per card the rule produces, each number visible as text.
        string[] expected = [.. ScoreCard.From(metrics).Select(c => c.Score is { } s ? s.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "—")];
        ILocator scores = page.Locator(".card .score");
        (await scores.CountAsync()).ShouldBe(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            (await scores.Nth(i).IsVisibleAsync()).ShouldBeTrue();
            (await scores.Nth(i).TextContentAsync()).ShouldBe(expected[i]);
        }

        // Every chart is laid out with a real size, and bars inside them too.
        ILocator charts = page.Locator("svg.chart");
        int chartCount = await charts.CountAsync();
        chartCount.ShouldBe(6 + 3 + 2);
        for (int i = 0; i < chartCount; i++)
        {
            LocatorBoundingBoxResult? box = await charts.Nth(i).BoundingBoxAsync();
            box.ShouldNotBeNull();
            box.Width.ShouldBeGreaterThan(100);
            box.Height.ShouldBeGreaterThan(30);
        }
        LocatorBoundingBoxResult? bar = await page.Locator("#column-0 rect.real").First.BoundingBoxAsync();
        bar.ShouldNotBeNull();
        bar.Height.ShouldBeGreaterThan(0);

        // Hostile names show as literal text, and no script element exists.
        (await page.Locator("#column-0 figcaption").TextContentAsync()).ShouldNotBeNull().ShouldStartWith(ReportSamples.HostileName);
        (await page.Locator("script").CountAsync()).ShouldBe(0);

        // Breakdowns are collapsed until their summary is clicked — without any script.
        ILocator details = page.Locator("details", new PageLocatorOptions { HasText = "Column Shapes: breakdown" });
        ILocator firstPart = details.Locator("td").First;
        (await firstPart.IsVisibleAsync()).ShouldBeFalse();
        await details.Locator("summary").ClickAsync();
        (await firstPart.IsVisibleAsync()).ShouldBeTrue();

        problems.ShouldBeEmpty();
        requests.ShouldBe([url]);
    }
}
