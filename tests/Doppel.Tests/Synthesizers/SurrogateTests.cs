using Doppel.Data;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Tests.Synthesizers;

public class SurrogateTests
{
    private static (Table Table, Metadata Metadata) WithPostalCodes(string?[] codes)
    {
        var table = new Table([new NumericColumn("x", [.. codes.Select((_, i) => (double)i)]), new TextColumn("zip", codes)]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("x", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0 },
            new ColumnMetadata("zip", ColumnType.Pii) { Pii = PiiKind.PostalCode, Pattern = "#" },
        ]);
        return (table, metadata);
    }

    [Fact]
    public void Regenerated_pii_never_equals_a_known_real_value()
    {
        // Nine of the ten one-digit codes are real: every regenerated value must be the tenth.
        var (table, metadata) = WithPostalCodes(["0", "1", "2", "3", "4", "5", "6", "7", "8", "1"]);
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        var sink = new MemoryTableSink();
        model.Sample(sink, new SamplingRequest(3000) { Seed = 4, ExcludedValues = SamplingRequest.RealPersonalValues(table, metadata) });
        ((TextColumn)sink.ToTable()["zip"]).Values.ShouldAllBe(v => v == "9");
        // Without the real values at hand the same format is used freely.
        ((TextColumn)model.Sample(3000, seed: 4)["zip"]).Values.Distinct().Count().ShouldBe(10);
    }

    [Fact]
    public void A_format_with_no_room_left_fails_with_a_clear_error()
    {
        var (table, metadata) = WithPostalCodes(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        var request = new SamplingRequest(10) { ExcludedValues = SamplingRequest.RealPersonalValues(table, metadata) };
        Should.Throw<InfeasibleRequestException>(() => model.Sample(new MemoryTableSink(), request)).Message.ShouldContain("'zip'");
    }

    [Fact]
    public void Missing_pii_stays_missing_at_the_real_rate_and_ids_stay_unique()
    {
        var (table, metadata) = TestTables.Mixed(2000);
        Table synthetic = new GaussianCopulaSynthesizer().Fit(table, metadata).Sample(20_000, seed: 8);
        var ids = ((TextColumn)synthetic["id"]).Values;
        ids.Distinct().Count().ShouldBe(ids.Length);
        ids.ShouldAllBe(v => v != null);
        var realEmails = ((TextColumn)table["email"]).Values.ToHashSet();
        ((TextColumn)synthetic["email"]).Values.ShouldAllBe(v => v == null || !realEmails.Contains(v));
    }
}
