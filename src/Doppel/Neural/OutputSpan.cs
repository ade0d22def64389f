namespace Doppel.Neural;

/// <summary>How a span of a generator's output is activated.</summary>
public enum SpanKind
{
    /// <summary>One value through tanh (a normalised continuous value).</summary>
    Tanh,
    /// <summary>A one-hot group through (Gumbel-)softmax (a mode or a category).</summary>
    Softmax,
}

/// <summary>A contiguous group of output columns and its activation.</summary>
public readonly record struct OutputSpan(int Start, int Length, SpanKind Kind);
