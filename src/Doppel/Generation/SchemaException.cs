namespace Doppel.Generation;

/// <summary>A generation schema is invalid; <see cref="Problems"/> lists every problem with its path (e.g. <c>tables.orders.columns.total: …</c>).</summary>
public sealed class SchemaException : DoppelException
{
    public SchemaException(IReadOnlyList<string> problems) : base(Describe(problems)) => Problems = problems;

    /// <summary>Each problem on its own, in schema order.</summary>
    public IReadOnlyList<string> Problems { get; }

    public override int ExitCode => ExitCodes.BadInput;

    private static string Describe(IReadOnlyList<string> problems) => problems.Count == 1
        ? "Invalid schema: " + problems[0]
        : $"Invalid schema ({problems.Count} problems):" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
}
