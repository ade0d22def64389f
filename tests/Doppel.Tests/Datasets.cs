namespace Doppel.Tests;

/// <summary>
/// The one way tests and benchmarks reach the shared real datasets: <c>DOPPEL_DATASETS</c> when set,
/// else <c>../shared/datasets</c> beside the repository. They are read in place, never copied.
/// </summary>
public static class Datasets
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The datasets folder, or null when it is not on this machine.</summary>
    public static string? Folder => Root.Value;

    /// <summary>The full path of a dataset file (e.g. "adult/train.csv"), or null when absent.</summary>
    public static string? Find(string relativePath)
    {
        if (Folder is null) return null;
        string path = Path.Combine(Folder, relativePath);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The full path of a dataset file; throws when absent (use where a skip was already decided).</summary>
    public static string Require(string relativePath) =>
        Find(relativePath) ?? throw new FileNotFoundException($"Dataset file '{relativePath}' is not available; set DOPPEL_DATASETS or place the shared datasets beside the repository.");

    private static string? FindRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("DOPPEL_DATASETS");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Doppel.slnx")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }
        return null;
    }
}
