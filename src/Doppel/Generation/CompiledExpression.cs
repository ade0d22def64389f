namespace Doppel.Generation;

/// <summary>An expression's result type as the language sees it.</summary>
internal enum ExpressionType
{
    Number,
    Text,
    Boolean,
    /// <summary>Only the literal null has this type; it fits any other.</summary>
    Null,
}

/// <summary>
/// A typed expression compiled to one delegate: numbers and booleans (0/1) evaluate to double with NaN as null,
/// text to string with null as null. Built once per column; evaluating allocates only for text results.
/// </summary>
internal sealed class CompiledExpression
{
    private CompiledExpression(ExpressionType type, Func<Frame, int, double>? number, Func<Frame, int, string?>? text)
    {
        Type = type;
        NumberFunction = number;
        TextFunction = text;
    }

    public ExpressionType Type { get; }

    /// <summary>Set for Number, Boolean and Null.</summary>
    public Func<Frame, int, double>? NumberFunction { get; }

    /// <summary>Set for Text and Null.</summary>
    public Func<Frame, int, string?>? TextFunction { get; }

    /// <summary>Ordinals of the columns the expression reads.</summary>
    public HashSet<int> Dependencies { get; } = [];

    /// <summary>A constant value (no column read), or null when the expression reads columns.</summary>
    public bool IsConstant => Dependencies.Count == 0;

    public static CompiledExpression OfNumber(Func<Frame, int, double> f, bool boolean = false) =>
        new(boolean ? ExpressionType.Boolean : ExpressionType.Number, f, null);

    public static CompiledExpression OfText(Func<Frame, int, string?> f) => new(ExpressionType.Text, null, f);

    public static CompiledExpression OfNull() => new(ExpressionType.Null, static (_, _) => double.NaN, static (_, _) => null);

    public double Number(Frame frame, int row) => NumberFunction!(frame, row);

    public string? Text(Frame frame, int row) => TextFunction!(frame, row);

    /// <summary>Evaluates a column-free numeric expression (a bound such as <c>18 * 365</c>).</summary>
    public double Constant() => NumberFunction!(new Frame(1, 0, 0, 0), 0);
}
