using System.Text.Json;
using Doppel.Data;
using Doppel.Randomness;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Sampling;

namespace Doppel.Tests.Synthesizers;

/// <summary>Conditions a model cannot meet natively are met by rejection in the sampler: exact counts, or a clear refusal.</summary>
public class RejectionSamplingTests
{
    /// <summary>The copula, pretending it cannot meet bounds on numbers (as a model without native range conditions).</summary>
    private sealed class NoBounds(ILearnedModel inner) : ILearnedModel
    {
        public SynthesizerKind Kind => inner.Kind;
        public Metadata Metadata => inner.Metadata;
        public bool SupportsNatively(Condition condition) => !condition.IsRange;
        public void Validate(ConditionSet conditions)
        {
            if (conditions.Conditions.Any(c => c.IsRange)) throw new InvalidOperationException("the sampler passed a bound it was told is not supported");
            inner.Validate(conditions);
        }
        public Table Sample(int rows, Rng rng, ConditionSet conditions)
        {
            if (conditions.Conditions.Any(c => c.IsRange)) throw new InvalidOperationException("the sampler passed a bound it was told is not supported");
            return inner.Sample(rows, rng, conditions);
        }
        public void WriteParameters(Utf8JsonWriter writer) => inner.WriteParameters(writer);
    }

    private static SynthesizerModel Model()
    {
        SynthesizerModel copula = TestTables.MixedModel;
        return new SynthesizerModel(copula.Metadata, new NoBounds(copula.Learned), copula.Surrogates, copula.Lineage, copula.Options);
    }

    private static Table Sample(SynthesizerModel model, long rows, params string[] conditions)
    {
        var sink = new MemoryTableSink();
        model.Sample(sink, new SamplingRequest(rows) { Seed = 3, Conditions = new ConditionSet(conditions.Select(Condition.Parse)) });
        return sink.ToTable();
    }

    [Fact]
    public void Bounds_a_model_cannot_meet_are_met_by_rejection_with_exact_counts_and_native_conditions_kept()
    {
        SynthesizerModel model = Model();
        Table rows = Sample(model, 20_000, "x>1", "group=high", "when<2021-06-01");
        rows.RowCount.ShouldBe(20_000);
        ((NumericColumn)rows["x"]).Values.ShouldAllBe(v => v > 1);
        var group = (CategoricalColumn)rows["group"];
        Enumerable.Range(0, rows.RowCount).ShouldAllBe(i => group[i] == "high");
        long limit = new DateTime(2021, 6, 1).Ticks;
        ((DateTimeColumn)rows["when"]).Ticks.ShouldAllBe(t => t < limit);
        // Deterministic like any sampling.
        ((NumericColumn)Sample(model, 20_000, "x>1", "group=high", "when<2021-06-01")["x"]).Values.ShouldBe(((NumericColumn)rows["x"]).Values);
    }

    [Fact]
    public void Rows_the_model_practically_never_makes_are_refused_with_the_measured_rate()
    {
        var error = Should.Throw<InfeasibleRequestException>(() => Sample(Model(), 100, "x>50"));
        error.Message.ShouldContain("of");
        error.Message.ShouldContain("Relax the conditions");
    }
}
