using Doppel.Data;
using static Doppel.Tests.Data.ProfilerTestsSupport;

namespace Doppel.Tests.Data;

public class ProfilerTestsDatasets
{
    [DatasetFact("adult/train.csv")]
    public void Adult_columns_are_detected()
    {
        Metadata metadata = Profiler.Detect(ReadCsv(Datasets.Require("adult/train.csv")));
        foreach (var c in metadata.Columns) Console.WriteLine($"{c.Name}: {c.Type} {c.Subtype} {c.Decimals} {c.Minimum} {c.Maximum} {c.DateTimeFormat} {c.Pii} {c.Pattern}");
    }

    [DatasetFact("titanic/titanic.csv")]
    public void Titanic_columns_are_detected()
    {
        var raw = ReadCsv(Datasets.Require("titanic/titanic.csv"));
        Metadata metadata = Profiler.Detect(raw);
        foreach (var c in metadata.Columns) Console.WriteLine($"{c.Name}: {c.Type} {c.Subtype} {c.Decimals} {c.Minimum} {c.Maximum} {c.DateTimeFormat} {c.Pii} {c.Pattern}");
        foreach (var s in Profiler.Summarize(raw, metadata)) Console.WriteLine(s);
    }
}
