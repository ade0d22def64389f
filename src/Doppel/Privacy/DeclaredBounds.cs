using Doppel.Data;

namespace Doppel.Privacy;

/// <summary>The range a differentially private fit may use for a number column: the one declared in metadata, never the data's.</summary>
internal static class DeclaredBounds
{
    public static (double Low, double High) Of(ColumnMetadata metadata) =>
        metadata.Minimum is double low && metadata.Maximum is double high && high >= low ? (low, high)
        : throw new UsageException($"Column '{metadata.Name}' needs a declared \"minimum\" and \"maximum\" in metadata.json to be learned with --epsilon: its bins must not come from the data. Add the range the values can take (a public bound, not the observed one if that is private).");
}
