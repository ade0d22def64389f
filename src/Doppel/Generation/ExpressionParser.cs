using System.Globalization;

namespace Doppel.Generation;

/// <summary>A parsed expression: literals, column references, operators and function calls.</summary>
internal abstract record ExpressionNode;

internal sealed record NumberLiteral(double Value) : ExpressionNode;
internal sealed record TextLiteral(string Value) : ExpressionNode;
internal sealed record BooleanLiteral(bool Value) : ExpressionNode;
internal sealed record NullLiteral : ExpressionNode;
internal sealed record ColumnReference(string Name) : ExpressionNode;
internal sealed record UnaryOperation(string Operator, ExpressionNode Operand) : ExpressionNode;
internal sealed record BinaryOperation(string Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode;
internal sealed record FunctionCall(string Name, ExpressionNode[] Arguments) : ExpressionNode;

/// <summary>An expression that cannot be parsed or typed; the message says where and what was expected.</summary>
internal sealed class ExpressionException(string message) : Exception(message);

/// <summary>
/// Recursive-descent parser of the schema's expression language: <c>or and not</c>, comparisons
/// (<c>== != &lt; &lt;= &gt; &gt;=</c>), <c>+ - * / %</c>, unary minus, parentheses, numbers, 'text' or "text",
/// true/false/null, column names and function calls. Nothing is evaluated here.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private int _position;

    private ExpressionParser(string text) => _text = text;

    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(text);
        parser.SkipSpace();
        if (parser.AtEnd) throw new ExpressionException("the expression is empty");
        ExpressionNode result = parser.Or();
        parser.SkipSpace();
        if (!parser.AtEnd) throw new ExpressionException($"unexpected '{parser.Rest()}' at position {parser._position + 1}");
        return result;
    }

    private bool AtEnd => _position >= _text.Length;

    private string Rest() => _text[_position..].Length > 12 ? _text.Substring(_position, 12) + "…" : _text[_position..];

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_position])) _position++;
    }

    private bool Accept(string symbol)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) != 0) return false;
        if (char.IsLetter(symbol[0]))
        {
            // A keyword must end where a name would: "order" is a column, not "or" + "der".
            int end = _position + symbol.Length;
            if (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
        }
        _position += symbol.Length;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol)) throw new ExpressionException(AtEnd ? $"expected '{symbol}' but the expression ended" : $"expected '{symbol}' at position {_position + 1} but found '{Rest()}'");
    }

    private ExpressionNode Or()
    {
        ExpressionNode left = And();
        while (Accept("or") || Accept("||")) left = new BinaryOperation("or", left, And());
        return left;
    }

    private ExpressionNode And()
    {
        ExpressionNode left = Not();
        while (Accept("and") || Accept("&&")) left = new BinaryOperation("and", left, Not());
        return left;
    }

    private ExpressionNode Not()
    {
        if (Accept("not")) return new UnaryOperation("not", Not());
        SkipSpace();
        if (!AtEnd && _text[_position] == '!' && (_position + 1 >= _text.Length || _text[_position + 1] != '='))
        {
            _position++;
            return new UnaryOperation("not", Not());
        }
        return Comparison();
    }

    private static readonly string[] ComparisonOperators = ["==", "!=", "<=", ">=", "<>", "<", ">", "="];

    private ExpressionNode Comparison()
    {
        ExpressionNode left = Additive();
        foreach (string op in ComparisonOperators)
        {
            if (!Accept(op)) continue;
            string normal = op switch { "=" => "==", "<>" => "!=", _ => op };
            return new BinaryOperation(normal, left, Additive());
        }
        return left;
    }

    private ExpressionNode Additive()
    {
        ExpressionNode left = Multiplicative();
        while (true)
        {
            if (Accept("+")) left = new BinaryOperation("+", left, Multiplicative());
            else if (Accept("-")) left = new BinaryOperation("-", left, Multiplicative());
            else return left;
        }
    }

    private ExpressionNode Multiplicative()
    {
        ExpressionNode left = Unary();
        while (true)
        {
            if (Accept("*")) left = new BinaryOperation("*", left, Unary());
            else if (Accept("/")) left = new BinaryOperation("/", left, Unary());
            else if (Accept("%")) left = new BinaryOperation("%", left, Unary());
            else return left;
        }
    }

    private ExpressionNode Unary()
    {
        if (Accept("-")) return new UnaryOperation("-", Unary());
        if (Accept("+")) return Unary();
        return Primary();
    }

    private ExpressionNode Primary()
    {
        SkipSpace();
        if (AtEnd) throw new ExpressionException("the expression ended where a value was expected");
        char c = _text[_position];
        if (c == '(')
        {
            _position++;
            ExpressionNode inner = Or();
            Expect(")");
            return inner;
        }
        if (c is '\'' or '"') return new TextLiteral(Quoted(c));
        if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < _text.Length && char.IsAsciiDigit(_text[_position + 1]))) return Number();
        if (char.IsLetter(c) || c == '_')
        {
            int start = _position;
            while (!AtEnd && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_')) _position++;
            string name = _text[start.._position];
            switch (name)
            {
                case "true": return new BooleanLiteral(true);
                case "false": return new BooleanLiteral(false);
                case "null": return new NullLiteral();
            }
            if (!Accept("(")) return new ColumnReference(name);
            var arguments = new List<ExpressionNode>();
            if (!Accept(")"))
            {
                do arguments.Add(Or()); while (Accept(","));
                Expect(")");
            }
            return new FunctionCall(name.ToLowerInvariant(), [.. arguments]);
        }
        throw new ExpressionException($"unexpected '{c}' at position {_position + 1}");
    }

    private string Quoted(char quote)
    {
        int start = ++_position;
        var builder = new System.Text.StringBuilder();
        while (!AtEnd)
        {
            char c = _text[_position++];
            if (c == quote)
            {
                // A doubled quote inside a literal stands for the quote itself ('O''Brien').
                if (!AtEnd && _text[_position] == quote)
                {
                    builder.Append(quote);
                    _position++;
                    continue;
                }
                return builder.ToString();
            }
            builder.Append(c);
        }
        throw new ExpressionException($"the text starting at position {start} has no closing {quote}");
    }

    private ExpressionNode Number()
    {
        int start = _position;
        while (!AtEnd && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.')) _position++;
        if (!AtEnd && _text[_position] is 'e' or 'E')
        {
            _position++;
            if (!AtEnd && _text[_position] is '+' or '-') _position++;
            while (!AtEnd && char.IsAsciiDigit(_text[_position])) _position++;
        }
        string token = _text[start.._position];
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new ExpressionException($"'{token}' is not a number");
        return new NumberLiteral(value);
    }
}
