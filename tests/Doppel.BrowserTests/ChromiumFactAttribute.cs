namespace Doppel.BrowserTests;

/// <summary>
/// A fact that needs the system's Chromium (<c>/usr/bin/chromium</c>, or the path in <c>DOPPEL_CHROMIUM</c>);
/// skipped, with the reason and the fix shown, where it is absent.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.ExecutablePath))
            Skip = $"Chromium not found at {Chromium.ExecutablePath} (install it: apt-get install chromium fonts-liberation, or set DOPPEL_CHROMIUM)";
    }
}
