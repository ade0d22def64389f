using Doppel.Generation;

namespace Doppel.Tests.Generation;

public class ExpressionTests
{
    private static readonly ColumnSlot Price = new(0, ValueKind.Number, null);
    private static readonly ColumnSlot Country = new(1, ValueKind.Category, ["DE", "FR"]);
    private static readonly ColumnSlot Name = new(2, ValueKind.Text, null);

    private static Frame Frame()
    {
        var frame = new Frame(3, 0, 0, 3);
        frame.Columns[0] = new[] { 10.0, 2.5, double.NaN };
        frame.Columns[1] = new[] { 0, 1, -1 };
        frame.Columns[2] = new string?[] { "Ann", "Bob", null };
        return frame;
    }

    private static CompiledExpression Compile(string text) => ExpressionCompiler.Compile(text, name => name switch
    {
        "price" => Price,
        "country" => Country,
        "name" => Name,
        _ => null,
    });

    private static double[] Numbers(string text)
    {
        CompiledExpression e = Compile(text);
        Frame f = Frame();
        return [.. Enumerable.Range(0, 3).Select(i => e.Number(f, i))];
    }

    private static string?[] Texts(string text)
    {
        CompiledExpression e = Compile(text);
        Frame f = Frame();
        return [.. Enumerable.Range(0, 3).Select(i => e.Text(f, i))];
    }

    [Fact]
    public void Arithmetic_follows_precedence_and_nulls_propagate()
    {
        Numbers("price * 2 + 1").ShouldBe([21, 6, double.NaN]);
        Numbers("-(price - 1) * 2").ShouldBe([-18, -3, double.NaN]);
        Numbers("price % 3").ShouldBe([1, 2.5, double.NaN]);
        Numbers("price / 0").ShouldAllBe(v => double.IsNaN(v));
        Numbers("round(price / 3, 2)").ShouldBe([3.33, 0.83, double.NaN]);
        Numbers("max(price, 5) + min(1, 2, 3)").ShouldBe([11, 6, double.NaN]);
    }

    [Fact]
    public void Comparisons_and_logic_use_three_valued_truth()
    {
        Numbers("country == 'DE'").ShouldBe([1, 0, double.NaN]);
        Numbers("price > 5 and country == 'DE'").ShouldBe([1, 0, double.NaN]);
        Numbers("price > 5 or country == 'FR'").ShouldBe([1, 1, double.NaN]);
        Numbers("not (price >= 10)").ShouldBe([0, 1, double.NaN]);
        Numbers("false and price > 1").ShouldBe([0, 0, 0]);
    }

    [Fact]
    public void Text_functions_and_if_work_on_rows()
    {
        Texts("concat(name, '-', country, '-', price)").ShouldBe(["Ann-DE-10", "Bob-FR-2.5", "--"]);
        Texts("upper(name) + '!'").ShouldBe(["ANN!", "BOB!", null]);
        Texts("if(price > 5, 'big', 'small')").ShouldBe(["big", "small", "small"]);
        Numbers("length(name)").ShouldBe([3, 3, double.NaN]);
    }

    [Fact]
    public void Dates_are_days_and_their_parts_can_be_read()
    {
        Numbers("date('2024-03-01') - date('2024-02-01')")[0].ShouldBe(29);
        Numbers("year(date('2024-03-01')) * 100 + month(date('2024-03-01'))")[0].ShouldBe(202403);
        Numbers("weekday(date('2024-03-04'))")[0].ShouldBe(1); // a Monday
    }

    [Theory]
    [InlineData("price +", "the expression ended where a value was expected")]
    [InlineData("price * (2", "expected ')' but the expression ended")]
    [InlineData("'open", "the text starting at position 1 has no closing '")]
    [InlineData("price == 'x'", "'==' compares text with a number or boolean; compare values of the same type (quote text: 'DE')")]
    [InlineData("round(1, 2, 3)", "round(...) takes 1 or 2 arguments, not 3")]
    [InlineData("price $ 2", "unexpected '$ 2' at position 7")]
    public void Bad_expressions_get_a_specific_message(string text, string message)
    {
        Should.Throw<ExpressionException>(() => Compile(text)).Message.ShouldBe(message);
    }

    [Fact]
    public void Keywords_do_not_swallow_column_names_that_start_with_them()
    {
        var e = ExpressionCompiler.Compile("order + 1", n => n == "order" ? new ColumnSlot(0, ValueKind.Number, null) : null);
        var frame = new Frame(1, 0, 0, 1);
        frame.Columns[0] = new[] { 4.0 };
        e.Number(frame, 0).ShouldBe(5);
        e.Dependencies.ShouldBe([0]);
    }
}
