using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.Privacy;
using Doppel.Randomness;

namespace Doppel.Synthesizers;

public sealed partial class SurrogateModel
{
    private static readonly string[] LoremWords =
    [
        "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod", "tempor",
        "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim", "ad", "minim", "veniam", "quis",
        "nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea", "commodo", "consequat", "duis",
        "aute", "irure", "in", "reprehenderit", "voluptate", "velit", "esse", "cillum", "eu", "fugiat", "nulla",
        "pariatur", "excepteur", "sint", "occaecat", "cupidatat", "non", "proident", "sunt", "culpa", "qui", "officia",
        "deserunt", "mollit", "anim", "id", "est", "laborum",
    ];

    /// <summary>
    /// Regenerates every surrogate column for rows [<paramref name="firstRow"/>, firstRow + rows) of the run.
    /// Ids depend on the global row number only, so they stay unique across blocks and shards.
    /// A PII value found in <paramref name="excluded"/> (the real values, when known) is drawn again.
    /// </summary>
    public IReadOnlyList<Column> Sample(long firstRow, int rows, Rng rng, string locale, IReadOnlyDictionary<string, IReadOnlySet<string>>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var result = new Column[Columns.Count];
        for (int c = 0; c < Columns.Count; c++)
        {
            SurrogateColumn column = Columns[c];
            Rng columnRng = rng.Fork("surrogate:" + column.Metadata.Name);
            var values = new string?[rows];
            Func<long, Rng, string> next = Generator(column, locale);
            if (column.Metadata.Type == ColumnType.Pii && excluded is not null && excluded.TryGetValue(column.Metadata.Name, out IReadOnlySet<string>? real) && real.Count > 0)
                next = Avoiding(next, real, column.Metadata.Name);
            for (int r = 0; r < rows; r++)
            {
                // Ids are never missing: a key must identify every row.
                bool missing = column.Metadata.Type != ColumnType.Id && column.MissingRate > 0 && columnRng.NextDouble() < column.MissingRate;
                values[r] = missing ? null : next(firstRow + r, columnRng);
            }
            result[c] = new TextColumn(column.Metadata.Name, values);
        }
        return result;
    }

    private static Func<long, Rng, string> Avoiding(Func<long, Rng, string> next, IReadOnlySet<string> real, string name)
    {
        const int MaxDraws = 1000;
        return (row, rng) =>
        {
            for (int draw = 0; draw < MaxDraws; draw++)
            {
                string value = next(row, rng);
                if (!real.Contains(value)) return value;
            }
            throw new InfeasibleRequestException($"Column '{name}': {MaxDraws} regenerated values in a row all equal real values, so its format leaves no room for new ones. Widen the column's pattern in the metadata.");
        };
    }

    private static Func<long, Rng, string> Generator(SurrogateColumn column, string locale)
    {
        ColumnMetadata metadata = column.Metadata;
        switch (metadata.Type)
        {
            case ColumnType.Id when column.IdIsUuid:
                return (_, rng) => new Guid(BitConverter.GetBytes(rng.NextUInt64()).Concat(BitConverter.GetBytes(rng.NextUInt64())).ToArray()).ToString();
            case ColumnType.Id:
                return (row, _) => (column.IdPrefix ?? "") + (column.IdStart + row).ToString(CultureInfo.InvariantCulture).PadLeft(column.IdWidth, '0');
            case ColumnType.Pii:
                PiiFaker faker = PiiFaker.Create(metadata.Pii ?? PiiKind.PersonName, locale, metadata.Pattern);
                return (_, rng) => faker.Next(rng);
            default:
                if (metadata.Pattern is { } pattern) return (_, rng) => PatternFiller.Fill(pattern, rng);
                if (column.Shapes.Count > 0)
                {
                    double[] cumulative = new double[column.Shapes.Count];
                    double sum = 0;
                    for (int i = 0; i < cumulative.Length; i++) cumulative[i] = sum += column.Shapes[i].Weight;
                    return (_, rng) =>
                    {
                        double u = rng.NextDouble() * sum;
                        int index = Array.BinarySearch(cumulative, u);
                        index = Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
                        return PatternFiller.Fill(column.Shapes[index].Shape, rng);
                    };
                }
                return (_, rng) => Lorem(column.Words, rng);
        }
    }

    private static string Lorem((double Mean, double StandardDeviation) words, Rng rng)
    {
        int count = Math.Max(1, (int)Math.Round(words.Mean + words.StandardDeviation * rng.NextGaussian()));
        var builder = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (i > 0) builder.Append(' ');
            string word = LoremWords[rng.NextInt(LoremWords.Length)];
            builder.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
        }
        return builder.Append('.').ToString();
    }
}
