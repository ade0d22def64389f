using System.Text;
using Doppel.Randomness;

namespace Doppel.Generation;

/// <summary>
/// Strings shaped by a regular expression: literals, escapes (<c>\d \w \s \. …</c>), classes (<c>[A-Z0-9_]</c>, <c>[^…]</c>
/// over printable ASCII), <c>.</c>, groups with alternation (<c>(a|bc)</c>) and quantifiers <c>? * + {n} {n,m}</c>
/// (an open repetition adds at most 8). Anchors <c>^ $</c> are ignored. Compiled once, then drawn per row.
/// </summary>
internal sealed class RegexGenerator
{
    private const int OpenRepeat = 8;
    private readonly Node _root;
    private readonly string _text;
    private int _position;

    private RegexGenerator(string text)
    {
        _text = text;
        _root = Alternation();
        if (_position < _text.Length) throw new ExpressionException($"unexpected '{_text[_position]}' at position {_position + 1} of the regex");
    }

    /// <summary>Compiles a regex; throws <see cref="ExpressionException"/> for constructs outside the subset.</summary>
    public static RegexGenerator Compile(string regex) => new(regex);

    public string Next(Rng rng)
    {
        var builder = new StringBuilder(16);
        _root.Append(builder, rng);
        return builder.ToString();
    }

    private abstract class Node
    {
        public abstract void Append(StringBuilder builder, Rng rng);
    }

    private sealed class Sequence(List<Node> parts) : Node
    {
        public override void Append(StringBuilder builder, Rng rng)
        {
            foreach (Node part in parts) part.Append(builder, rng);
        }
    }

    private sealed class Choice(List<Node> options) : Node
    {
        public override void Append(StringBuilder builder, Rng rng) => options[rng.NextInt(options.Count)].Append(builder, rng);
    }

    private sealed class Repeat(Node inner, int min, int max) : Node
    {
        public override void Append(StringBuilder builder, Rng rng)
        {
            int count = rng.NextInt(min, max + 1);
            for (int i = 0; i < count; i++) inner.Append(builder, rng);
        }
    }

    private sealed class CharacterSet(string characters) : Node
    {
        public override void Append(StringBuilder builder, Rng rng) => builder.Append(characters[rng.NextInt(characters.Length)]);
    }

    private static readonly string Printable = new([.. Enumerable.Range(32, 95).Select(i => (char)i)]);
    private const string Digits = "0123456789";
    private const string Word = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

    private bool More => _position < _text.Length;

    private Node Alternation()
    {
        var options = new List<Node> { Concatenation() };
        while (More && _text[_position] == '|')
        {
            _position++;
            options.Add(Concatenation());
        }
        return options.Count == 1 ? options[0] : new Choice(options);
    }

    private Node Concatenation()
    {
        var parts = new List<Node>();
        while (More && _text[_position] is not ('|' or ')'))
        {
            char c = _text[_position];
            if (c is '^' or '$')
            {
                _position++;
                continue;
            }
            parts.Add(Quantified(Atom()));
        }
        return parts.Count == 1 ? parts[0] : new Sequence(parts);
    }

    private Node Quantified(Node atom)
    {
        if (!More) return atom;
        switch (_text[_position])
        {
            case '?': _position++; return new Repeat(atom, 0, 1);
            case '*': _position++; return new Repeat(atom, 0, OpenRepeat);
            case '+': _position++; return new Repeat(atom, 1, 1 + OpenRepeat);
            case '{':
            {
                int close = _text.IndexOf('}', _position);
                if (close < 0) throw new ExpressionException($"the '{{' at position {_position + 1} of the regex is not closed");
                string[] bounds = _text[(_position + 1)..close].Split(',');
                if (bounds.Length > 2 || !int.TryParse(bounds[0], out int min) || min < 0 || min > 1000)
                    throw new ExpressionException($"'{_text[_position..(close + 1)]}' is not a repetition such as {{3}} or {{2,5}}");
                int max = min;
                if (bounds.Length == 2)
                {
                    if (bounds[1].Length == 0) max = min + OpenRepeat;
                    else if (!int.TryParse(bounds[1], out max) || max < min || max > 1000)
                        throw new ExpressionException($"'{_text[_position..(close + 1)]}' is not a repetition such as {{3}} or {{2,5}}");
                }
                _position = close + 1;
                return new Repeat(atom, min, max);
            }
            default: return atom;
        }
    }

    private Node Atom()
    {
        char c = _text[_position++];
        switch (c)
        {
            case '(':
            {
                if (More && _text[_position] == '?')
                {
                    if (_position + 1 < _text.Length && _text[_position + 1] == ':') _position += 2;
                    else throw new ExpressionException("regex group options such as (?=…) are not supported; use plain groups (…)");
                }
                Node inner = Alternation();
                if (!More || _text[_position] != ')') throw new ExpressionException("a '(' in the regex is not closed");
                _position++;
                return inner;
            }
            case '[': return Class();
            case '.': return new CharacterSet(Printable);
            case '\\': return new CharacterSet(Escape());
            case '*' or '+' or '?' or '{': throw new ExpressionException($"'{c}' at position {_position} of the regex has nothing to repeat");
            default: return new CharacterSet(c.ToString());
        }
    }

    private string Escape()
    {
        if (!More) throw new ExpressionException("the regex ends with a lone '\\'");
        char c = _text[_position++];
        return c switch
        {
            'd' => Digits,
            'w' => Word,
            's' => " ",
            'D' or 'W' or 'S' => throw new ExpressionException($"'\\{c}' is not supported in a regex shape; list the characters in a class instead"),
            _ => c.ToString(),
        };
    }

    private Node Class()
    {
        bool negated = More && _text[_position] == '^';
        if (negated) _position++;
        var members = new SortedSet<char>();
        bool first = true;
        while (More && (_text[_position] != ']' || first))
        {
            first = false;
            char c = _text[_position++];
            if (c == '\\')
            {
                foreach (char e in Escape()) members.Add(e);
                continue;
            }
            if (_position + 1 < _text.Length && _text[_position] == '-' && _text[_position + 1] != ']')
            {
                char end = _text[_position + 1];
                if (end < c) throw new ExpressionException($"the class range '{c}-{end}' in the regex is reversed");
                for (char r = c; r <= end; r++) members.Add(r);
                _position += 2;
                continue;
            }
            members.Add(c);
        }
        if (!More) throw new ExpressionException("a '[' in the regex is not closed");
        _position++;
        string set = negated ? new string([.. Printable.Where(ch => !members.Contains(ch))]) : new string([.. members]);
        if (set.Length == 0) throw new ExpressionException("a character class in the regex matches no character");
        return new CharacterSet(set);
    }
}
