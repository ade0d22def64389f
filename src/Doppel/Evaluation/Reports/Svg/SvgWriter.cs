using System.Text;

namespace Doppel.Evaluation.Reports.Svg;

/// <summary>Where a text's anchor point lies along the text.</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>
/// Writes one inline <c>&lt;svg&gt;</c> element: rectangles, lines and text with escaped content and invariant
/// numbers. Styling comes from CSS classes of the page, so the markup stays small.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _output = new();
    private bool _ended;
    private string _element = "";

    /// <summary>Starts an SVG of the given size; <paramref name="label"/> names it for screen readers.</summary>
    public SvgWriter(double width, double height, string label, string cssClass = "chart")
    {
        string w = SvgNumber.Coordinate(width), h = SvgNumber.Coordinate(height);
        _output.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").Append(HtmlText.Escape(cssClass))
            .Append("\" width=\"").Append(w).Append("\" height=\"").Append(h)
            .Append("\" viewBox=\"0 0 ").Append(w).Append(' ').Append(h)
            .Append("\" role=\"img\" aria-label=\"").Append(HtmlText.Escape(label)).Append("\">");
    }

    /// <summary>A rectangle styled by a CSS class, with an optional tooltip.</summary>
    public void Rect(double x, double y, double width, double height, string cssClass, string? title = null) =>
        Rect(x, y, width, height, cssClass, fill: null, title);

    /// <summary>A rectangle with an explicit fill colour ("#rrggbb"), e.g. a heatmap cell.</summary>
    public void Rect(double x, double y, double width, double height, string? cssClass, string? fill, string? title)
    {
        Open("rect");
        Attribute("x", x);
        Attribute("y", y);
        Attribute("width", Math.Max(0, width));
        Attribute("height", Math.Max(0, height));
        if (cssClass is not null) Attribute("class", cssClass);
        if (fill is not null) Attribute("fill", fill);
        Close(title);
    }

    /// <summary>A straight line styled by a CSS class.</summary>
    public void Line(double x1, double y1, double x2, double y2, string cssClass)
    {
        Open("line");
        Attribute("x1", x1);
        Attribute("y1", y1);
        Attribute("x2", x2);
        Attribute("y2", y2);
        Attribute("class", cssClass);
        Close(null);
    }

    /// <summary>A text at (x, y) — y is the baseline — optionally rotated about its anchor point, with an optional tooltip.</summary>
    public void Text(double x, double y, string text, TextAnchor anchor = TextAnchor.Start, string? cssClass = null, double rotate = 0, string? title = null)
    {
        Open("text");
        Attribute("x", x);
        Attribute("y", y);
        if (anchor != TextAnchor.Start) Attribute("text-anchor", anchor == TextAnchor.Middle ? "middle" : "end");
        if (cssClass is not null) Attribute("class", cssClass);
        if (rotate != 0)
            Attribute("transform", $"rotate({SvgNumber.Coordinate(rotate)} {SvgNumber.Coordinate(x)} {SvgNumber.Coordinate(y)})");
        _output.Append('>');
        if (title is not null) _output.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>");
        _output.Append(HtmlText.Escape(text)).Append("</text>");
    }

    /// <summary>Closes the element and returns the markup; the writer cannot be used afterwards.</summary>
    public string End()
    {
        if (_ended) throw new InvalidOperationException("The SVG was already ended.");
        _ended = true;
        return _output.Append("</svg>").ToString();
    }

    private void Open(string element)
    {
        if (_ended) throw new InvalidOperationException("The SVG was already ended; start a new writer.");
        _element = element;
        _output.Append('<').Append(element);
    }

    private void Attribute(string name, double value) => _output.Append(' ').Append(name).Append("=\"").Append(SvgNumber.Coordinate(value)).Append('"');

    private void Attribute(string name, string value) => _output.Append(' ').Append(name).Append("=\"").Append(HtmlText.Escape(value)).Append('"');

    private void Close(string? title)
    {
        if (title is null)
        {
            _output.Append("/>");
            return;
        }
        _output.Append("><title>").Append(HtmlText.Escape(title)).Append("</title></").Append(_element).Append('>');
    }
}
