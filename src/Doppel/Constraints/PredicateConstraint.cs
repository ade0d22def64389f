using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>
/// A rule written as code: <c>new PredicateConstraint("adult drivers", row =&gt; row.Number("age") &gt;= 18 || row.IsMissing("licence"))</c>.
/// Enforced by rejection: sampled rows that fail it are drawn again through the sampler's rejection path, which
/// measures the acceptance and refuses the request (<see cref="InfeasibleRequestException"/>, CLI exit 4) when fewer
/// than 1e-4 of the rows pass (the sampler's minimum acceptance). Library only: code
/// cannot be written to metadata.json, and a model holding a predicate cannot be saved to a model file (saving it
/// without the rule would give a file whose samples silently break it: <see cref="Models.ModelFile.Save"/> refuses
/// with a <see cref="UsageException"/>). Fit without the predicate when the model must be saved.
/// </summary>
public sealed record PredicateConstraint(string Name, Func<RowView, bool> Predicate) : Constraint
{
    public override string Type => "predicate";
    public override IReadOnlyList<string> Columns => [];

    public override bool Holds(Table table, int row) => Predicate(new RowView(table, row));

    public override string Describe() => Name;
}
