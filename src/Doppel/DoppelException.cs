namespace Doppel;

/// <summary>Base of Doppel's domain errors: a user-facing message plus the exit code the CLI should use.</summary>
public abstract class DoppelException : Exception
{
    protected DoppelException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Process exit code for this kind of failure (2 usage, 3 bad input, 4 infeasible).</summary>
    public abstract int ExitCode { get; }
}

/// <summary>The input data (a file, its rows or values) cannot be used as given.</summary>
public sealed class DataFormatException(string message, Exception? inner = null) : DoppelException(message, inner)
{
    public override int ExitCode => ExitCodes.BadInput;
}

/// <summary>Metadata is invalid; the message lists every problem found.</summary>
public sealed class MetadataException : DoppelException
{
    public MetadataException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    public MetadataException(string problem) : this([problem]) { }

    /// <summary>Each problem on its own, in the order found.</summary>
    public IReadOnlyList<string> Problems { get; }

    public override int ExitCode => ExitCodes.BadInput;

    private static string Describe(IReadOnlyList<string> problems) => problems.Count == 1
        ? "Invalid metadata: " + problems[0]
        : $"Invalid metadata ({problems.Count} problems):" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
}

/// <summary>A model file is damaged, truncated, foreign or from a newer format version.</summary>
public sealed class ModelFormatException(string message, Exception? inner = null) : DoppelException(message, inner)
{
    public override int ExitCode => ExitCodes.BadInput;
}

/// <summary>The request is well-formed but cannot be satisfied (e.g. a condition no row can meet).</summary>
public sealed class InfeasibleRequestException(string message) : DoppelException(message)
{
    public override int ExitCode => ExitCodes.Infeasible;
}

/// <summary>Arguments or options are invalid.</summary>
public sealed class UsageException(string message) : DoppelException(message)
{
    public override int ExitCode => ExitCodes.Usage;
}

/// <summary>Exit codes shared by the CLI and documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Internal = 1;
    public const int Usage = 2;
    public const int BadInput = 3;
    public const int Infeasible = 4;
}
