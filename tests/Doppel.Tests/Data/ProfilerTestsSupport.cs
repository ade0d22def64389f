using System.Text;
using Doppel.IO;

namespace Doppel.Tests.Data;

/// <summary>Builds raw tables for the profiler tests: from columns in code, or from a shared dataset file.</summary>
internal static class ProfilerTestsSupport
{
    /// <summary>A raw table from named columns of equal length; "" and null are missing.</summary>
    public static RawTable Raw(params (string Name, string?[] Values)[] columns)
    {
        int rows = columns.Length == 0 ? 0 : columns[0].Values.Length;
        string?[][] data = [.. columns.Select(c => c.Values.Select(v => string.IsNullOrEmpty(v) ? null : v).ToArray())];
        return new RawTable("test", [.. columns.Select(c => c.Name)], data, [.. Enumerable.Range(2, rows)]);
    }

    /// <summary>One column repeated from a few values until it has <paramref name="rows"/> rows.</summary>
    public static string?[] Repeat(int rows, params string?[] values) => [.. Enumerable.Range(0, rows).Select(i => values[i % values.Length])];

    /// <summary>Reads an RFC 4180 CSV file (header row, empty field = missing) with a few lines of its own, independent of Doppel's reader.</summary>
    public static RawTable ReadCsv(string path)
    {
        string text = File.ReadAllText(path);
        var records = new List<List<string>>();
        var lines = new List<int>();
        var field = new StringBuilder();
        List<string>? record = null;
        bool quoted = false;
        int line = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (record is null)
            {
                record = [];
                lines.Add(line);
            }
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { field.Append(c); if (c == '\n') line++; }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': record.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = null;
                    line++;
                    break;
                default: field.Append(c); break;
            }
        }
        if (record is not null)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        string[] names = [.. records[0]];
        string?[][] columns = [.. names.Select((_, column) => records.Skip(1).Select(r => r[column].Length == 0 ? null : r[column]).ToArray())];
        return new RawTable(path, names, columns, [.. lines.Skip(1)]);
    }
}
