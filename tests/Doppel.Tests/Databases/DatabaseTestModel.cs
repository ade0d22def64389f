using System.Globalization;
using Doppel.Data;
using Doppel.IO;
using Doppel.Models;
using Doppel.Randomness;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Tests.Synthesizers;

namespace Doppel.Tests.Databases;

/// <summary>
/// A model over every storage kind a database sink maps (integer, float with decimals and missing values, category
/// with missing values, boolean, date, timestamp, UTC timestamp, id primary key, PII), and a value-by-value
/// comparison of database rows with the same seed's CSV output.
/// </summary>
internal static class DatabaseTestModel
{
    private static readonly Lazy<SynthesizerModel> Fitted = new(() =>
    {
        var (mixed, metadata) = TestTables.Mixed(1500);
        var rng = Rng.FromSeed(3);
        long[] days = ((DateTimeColumn)mixed["when"]).Ticks;
        long[] local = [.. days.Select(t => t + (long)(rng.NextDouble() * TimeSpan.TicksPerDay / TimeSpan.TicksPerSecond) * TimeSpan.TicksPerSecond)];
        long[] utc = [.. days.Select(t => t + (long)(rng.NextDouble() * TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond) * TimeSpan.TicksPerMillisecond)];
        var table = new Table([.. mixed.Columns, new DateTimeColumn("local", local), new DateTimeColumn("stamp", utc)]);
        metadata = metadata with
        {
            Columns = [.. metadata.Columns,
                new ColumnMetadata("local", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd HH:mm:ss" },
                new ColumnMetadata("stamp", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-ddTHH:mm:ss.fff'Z'" }],
        };
        return new GaussianCopulaSynthesizer().Fit(table, metadata);
    });

    public static SynthesizerModel Model => Fitted.Value;

    /// <summary>Saves the model into the folder and returns its path.</summary>
    public static string Save(TempFolder folder)
    {
        string path = folder.File("model.doppel");
        ModelFile.Save(Model, path);
        return path;
    }

    /// <summary>
    /// Checks that <paramref name="rows"/> (database values in column order, null for NULL) hold exactly the CSV's
    /// values: numbers equal, texts equal, booleans and datetimes equal to the CSV's after reading them back.
    /// </summary>
    public static void ShouldMatchCsv(IReadOnlyList<object?[]> rows, RawTable csv, Metadata metadata)
    {
        rows.Count.ShouldBe(csv.RowCount);
        int nulls = 0;
        for (int c = 0; c < metadata.Columns.Count; c++)
        {
            ColumnMetadata column = metadata.Columns[c];
            string?[] expected = csv.Columns[csv.IndexOf(column.Name)];
            for (int row = 0; row < rows.Count; row++)
            {
                object? actual = rows[row][c];
                if (expected[row] is null)
                {
                    actual.ShouldBeNull($"{column.Name}, row {row + 1}");
                    nulls++;
                    continue;
                }
                if (column.Type == ColumnType.DateTime)
                {
                    // The very instant the CSV holds, not only the same text at the CSV's precision.
                    DateTimeFormats.TryParse(expected[row], column.DateTimeFormat!, out long ticks).ShouldBeTrue();
                    Ticks(actual!, column).ShouldBe(ticks, $"{column.Name}, row {row + 1}");
                }
                else Text(actual, column).ShouldBe(expected[row], $"{column.Name}, row {row + 1}");
            }
        }
        nulls.ShouldBeGreaterThan(0, "the data has missing values, so NULLs must have been written");
    }

    // A database value written as the CSV writer would write it.
    private static string? Text(object? value, ColumnMetadata column) => value switch
    {
        null => null,
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        double real => ValueFormatter.FormatNumber(real, column),
        bool flag => flag ? "yes" : "no",
        string text => text,
        _ => throw new ShouldAssertException($"Column '{column.Name}' came back as {value.GetType().Name}."),
    };

    private static long Ticks(object value, ColumnMetadata column) => value switch
    {
        DateTime instant => instant.Ticks,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue).Ticks,
        string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks,
        _ => throw new ShouldAssertException($"Column '{column.Name}' came back as {value.GetType().Name}, not a datetime."),
    };
}
