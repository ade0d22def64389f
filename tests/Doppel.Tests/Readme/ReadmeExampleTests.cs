using Doppel.Data;
using Doppel.IO;

namespace Doppel.Tests.Readme;

public class ReadmeExampleTests
{
    [Fact]
    public void The_readme_shows_the_compiled_example_verbatim()
    {
        string root = RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string source = File.ReadAllText(Path.Combine(root, "tests", "Doppel.Tests", "Readme", "ReadmeExample.cs"));
        string compiled = Normalize(Between(source, "// README:begin", "// README:end"));
        int start = readme.IndexOf("```csharp", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "README.md has a ```csharp library example");
        string block = Between(readme[start..], "```csharp", "```");
        Normalize(block).ShouldContain(compiled);
    }

    [Fact]
    public void The_readme_example_runs()
    {
        using var folder = new TempFolder();
        var (table, metadata) = DemoTables.Customers(800);
        FileTableSink.WriteTable(folder.File("customers.csv"), table, metadata);
        Table synthetic = ReadmeExample.Run(folder.Path);
        synthetic.RowCount.ShouldBe(1000);
        var churned = CsvTableReader.Read(folder.File("churned.csv"));
        churned.RowCount.ShouldBe(100_000);
        churned.Columns[churned.IndexOf("churned")].ShouldAllBe(v => v == "Yes");
        File.Exists(folder.File("customers.doppel")).ShouldBeTrue();
    }

    private static string Between(string text, string begin, string end)
    {
        int from = text.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..to];
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal)));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Doppel.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Doppel.slnx not found above the test binaries.");
    }
}
