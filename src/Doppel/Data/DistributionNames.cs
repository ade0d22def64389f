namespace Doppel.Data;

/// <summary>The names of <see cref="Distribution"/> values in metadata.json, model files and the CLI.</summary>
public static class DistributionNames
{
    private static readonly (Distribution Value, string Name)[] Names =
    [
        (Distribution.Auto, "auto"),
        (Distribution.Normal, "normal"),
        (Distribution.TruncatedNormal, "truncated-normal"),
        (Distribution.Beta, "beta"),
        (Distribution.Gamma, "gamma"),
        (Distribution.LogNormal, "lognormal"),
        (Distribution.Uniform, "uniform"),
        (Distribution.Empirical, "empirical"),
    ];

    /// <summary>Every accepted name, for error messages and help.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The name of a distribution.</summary>
    public static string ToName(Distribution distribution) => Names.First(n => n.Value == distribution).Name;

    /// <summary>The distribution with this name (case-insensitive), or null.</summary>
    public static Distribution? Parse(string name)
    {
        foreach ((Distribution value, string text) in Names)
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }
}
