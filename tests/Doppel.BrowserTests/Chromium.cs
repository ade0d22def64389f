using Microsoft.Playwright;

namespace Doppel.BrowserTests;

/// <summary>Launches the system's Chromium headless and offline-minded; Playwright never downloads a browser here.</summary>
public static class Chromium
{
    /// <summary>The browser binary: <c>DOPPEL_CHROMIUM</c> when set, else <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("DOPPEL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>A headless browser with background networking, updates, sync and QUIC switched off.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
}
