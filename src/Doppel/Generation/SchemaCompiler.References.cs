using Doppel.Data;
using Doppel.Privacy;

namespace Doppel.Generation;

// Foreign keys and fake values.
internal sealed partial class SchemaCompiler
{
    private ColumnPlan? BuildReference(ColumnBuild column)
    {
        SpecReader reader = column.Reader;
        string? tableName = reader.Text("table", required: true);
        string? columnName = reader.Text("column");
        bool perParent = reader.Node("children") is not null;
        reader.Allow("min", "max");
        if (tableName is null) return null;
        // The parent was compiled before this table (see BuildTable); a missing one is already reported.
        if (!_done.TryGetValue(tableName, out TablePlan? parent) || parent is null) throw new SkipColumn();
        columnName ??= parent.Metadata.PrimaryKey;
        if (columnName is null)
        {
            reader.Problem("column", $"table '{tableName}' has no key column (sequence, uuid or unique); name the referenced column or add a key to '{tableName}'");
            return null;
        }
        int index = Array.IndexOf(parent.ColumnNames, columnName);
        if (index < 0)
        {
            reader.Problem("column", $"table '{tableName}' has no column '{columnName}'; columns: {string.Join(", ", parent.ColumnNames)}");
            return null;
        }
        if (parent.Columns[index] is not KeyPlan key)
        {
            reader.Problem("column", $"'{tableName}.{columnName}' is not a key; a reference needs a sequence, uuid, or unique integer or pattern column without null rate or condition");
            return null;
        }
        if (!perParent && parent.Rows == 0)
        {
            reader.Problem("table", $"table '{tableName}' has no rows to reference");
            return null;
        }
        ColumnMetadata parentColumn = parent.Metadata.Columns[index];
        column.Metadata = parentColumn with { Name = column.Name, Type = ColumnType.Id };
        column.Context.Plan.ForeignKeys.Add(new IO.ForeignKey(column.Name, tableName, columnName));
        return new ReferencePlan(key.Key, parent.Rows, perParent);
    }

    private ColumnPlan? BuildFake(ColumnBuild column, string type)
    {
        SpecReader reader = column.Reader;
        string locale = column.Locale;
        PiiKind? kind = FakeValues.Types[type];
        column.Metadata = kind is PiiKind k ? new ColumnMetadata(column.Name, ColumnType.Pii) { Pii = k } : new ColumnMetadata(column.Name, ColumnType.Text);
        try
        {
            LocaleData.Get(locale);
        }
        catch (UsageException e)
        {
            reader.Problem("locale", e.Message);
            return null;
        }
        if (type is "email" or "username") return FromName(column, type == "email", locale);
        string? pattern = type is "phone" or "postal_code" or "credit_card" or "ssn" or "iban" ? reader.Text("pattern") : null;
        int words = type == "lorem" ? reader.Integer("words", 1, 1000) ?? 8 : 0;
        if (pattern is not null && kind is PiiKind pk && PiiFaker.PatternProblem(pk, pattern) is string problem)
        {
            reader.Problem("pattern", problem);
            return null;
        }
        try
        {
            return new TextPlan(FakeValues.Create(type, locale, pattern, words));
        }
        catch (UsageException e)
        {
            reader.Problem(e.Message);
            return null;
        }
    }

    /// <summary>
    /// An email or user name consistent with the row's name: from the columns named by 'first' and 'last' (or 'name'
    /// for a full name), or, when none is named, from the table's first_name and last_name (or full_name) columns.
    /// </summary>
    private ColumnPlan? FromName(ColumnBuild column, bool email, string locale)
    {
        SpecReader reader = column.Reader;
        string? first = reader.Text("first"), last = reader.Text("last"), full = reader.Text("name");
        bool unique = reader.Map["unique"] is ScalarNode { Text: "true" };
        if (first is null && last is null && full is null)
        {
            first = ColumnOfType(column.Context, "first_name");
            last = ColumnOfType(column.Context, "last_name");
            if (first is null || last is null)
            {
                first = last = null;
                full = ColumnOfType(column.Context, "full_name");
            }
        }
        Func<Frame, int, string?>? firstPart = null, lastPart = null;
        if (full is not null)
        {
            Func<Frame, int, string?>? name = TextColumn(column, "name", full);
            if (name is null) return null;
            // A full name "Ann Marie Lee" gives "ann" and "lee"; in name orders such as "Lee Ann" the email follows the written order.
            firstPart = (f, r) => name(f, r) is string n ? n.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } p ? p[0] : null : null;
            lastPart = (f, r) => name(f, r) is string n ? n.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } p ? p[^1] : null : null;
        }
        else
        {
            if (first is not null) firstPart = TextColumn(column, "first", first);
            if (last is not null) lastPart = TextColumn(column, "last", last);
            if (first is not null && firstPart is null || last is not null && lastPart is null) return null;
        }
        Permutation? permutation = null;
        if (unique)
        {
            column.UniqueHandled = true;
            ulong rows = Math.Max(1UL, (ulong)column.Context.Plan.Rows);
            permutation = new Permutation(rows, column.Context.Plan.Root.Fork("column:" + column.Name).NextUInt64());
        }
        firstPart ??= static (_, _) => null;
        lastPart ??= static (_, _) => null;
        return new RowTextPlan(FakeValues.FromName(email, firstPart, lastPart, LocaleData.Get(locale), permutation));
    }

    private static string? ColumnOfType(TableContext context, string type)
    {
        string? found = null;
        for (int i = 0; i < context.Specs.Length; i++)
        {
            bool match = context.Specs[i] is ScalarNode s && s.Text.Trim() == type || context.Specs[i] is MapNode m && m["type"] is ScalarNode t && t.Text == type;
            if (!match) continue;
            if (found is not null) return null; // two candidates: the user must say which
            found = context.Names[i];
        }
        return found;
    }

    private Func<Frame, int, string?>? TextColumn(ColumnBuild column, string key, string name)
    {
        if (!column.Context.Ordinals.ContainsKey(name))
        {
            column.Reader.Problem(key, $"unknown column '{name}'");
            return null;
        }
        ColumnSlot slot = Resolver(column)(name)!.Value;
        if (slot.Kind is not (ValueKind.Text or ValueKind.Category))
        {
            column.Reader.Problem(key, $"column '{name}' does not hold text");
            return null;
        }
        int o = slot.Ordinal;
        string[]? categories = slot.Categories;
        return slot.Kind == ValueKind.Text ? (f, r) => f.Texts(o)[r] : (f, r) => f.Codes(o)[r] is int c && c >= 0 ? categories![c] : null;
    }
}
