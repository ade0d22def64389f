namespace Doppel.Tests;

/// <summary>A fact that needs shared dataset files; skipped, with the reason shown, where they are absent.</summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(params string[] files)
    {
        string? missing = files.FirstOrDefault(f => Datasets.Find(f) is null);
        if (missing is not null)
            Skip = $"dataset file '{missing}' not found (set DOPPEL_DATASETS or put the shared datasets at ../shared/datasets)";
    }
}

/// <summary>A theory that needs shared dataset files; skipped, with the reason shown, where they are absent.</summary>
public sealed class DatasetTheoryAttribute : TheoryAttribute
{
    public DatasetTheoryAttribute(params string[] files)
    {
        string? missing = files.FirstOrDefault(f => Datasets.Find(f) is null);
        if (missing is not null)
            Skip = $"dataset file '{missing}' not found (set DOPPEL_DATASETS or put the shared datasets at ../shared/datasets)";
    }
}
