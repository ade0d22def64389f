using System.IO.Compression;
using System.Text;
using Doppel.Data;
using Doppel.Models;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;
using Doppel.Tests.Synthesizers;

namespace Doppel.Tests.Models;

public class ModelFileTests
{
    private static readonly Lazy<SynthesizerModel> Model = new(() =>
    {
        var (table, metadata) = TestTables.Mixed(1500);
        return new GaussianCopulaSynthesizer().Fit(table, metadata, new FitOptions { Seed = 4, SourceName = "mixed.csv", SourceSha256 = new string('a', 64) });
    });

    [Fact]
    public void Save_then_load_gives_identical_samples_and_lineage()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.doppel");
        ModelFile.Save(Model.Value, path);
        SynthesizerModel loaded = ModelFile.Load(path);
        loaded.Kind.ShouldBe(SynthesizerKind.GaussianCopula);
        loaded.Lineage.SourceName.ShouldBe("mixed.csv");
        loaded.Lineage.Rows.ShouldBe(1500);
        loaded.Lineage.Seed.ShouldBe(4);
        loaded.Metadata.ShouldBe(Model.Value.Metadata, "metadata round-trips through the manifest");
        Table before = Model.Value.Sample(2000, seed: 3, new ConditionSet([new Condition("flag", "yes")]));
        Table after = loaded.Sample(2000, seed: 3, new ConditionSet([new Condition("flag", "yes")]));
        foreach (string name in before.ColumnNames)
        {
            var a = Doppel.Data.ValueFormatter.FormatColumn(before[name], Model.Value.Metadata[name]);
            var b = Doppel.Data.ValueFormatter.FormatColumn(after[name], Model.Value.Metadata[name]);
            b.ShouldBe(a, name);
        }
    }

    [Fact]
    public void Manifest_holds_format_kind_options_lineage_and_metadata()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.doppel");
        ModelFile.Save(Model.Value, path);
        var manifest = ModelFile.ReadManifest(path);
        ((string?)manifest["format"]).ShouldBe("doppel-model");
        ((int?)manifest["formatVersion"]).ShouldBe(1);
        ((string?)manifest["synthesizer"]!["kind"]).ShouldBe("gaussian-copula");
        ((string?)manifest["synthesizer"]!["options"]!["defaultDistribution"]).ShouldBe("auto");
        ((string?)manifest["lineage"]!["sourceSha256"]).ShouldBe(new string('a', 64));
        ((string?)manifest["lineage"]!["libraryVersion"]).ShouldNotBeNullOrEmpty();
        manifest["metadata"]!["columns"]!.AsArray().Count.ShouldBe(8);
    }

    [Fact]
    public void Saving_does_not_overwrite_without_permission()
    {
        using var folder = new TempFolder();
        string path = folder.Write("model.doppel", "precious");
        Should.Throw<UsageException>(() => ModelFile.Save(Model.Value, path)).Message.ShouldContain("--force");
        File.ReadAllText(path).ShouldBe("precious");
        ModelFile.Save(Model.Value, path, overwrite: true);
        ModelFile.Load(path).Kind.ShouldBe(SynthesizerKind.GaussianCopula);
    }

    [Fact]
    public void A_file_that_is_not_a_model_says_so()
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.doppel", "age,income\n1,2\n");
        Should.Throw<ModelFormatException>(() => ModelFile.Load(path)).Message.ShouldContain("not a Doppel model file");
        Should.Throw<ModelFormatException>(() => ModelFile.Load(folder.File("missing.doppel"))).Message.ShouldContain("does not exist");
    }

    [Fact]
    public void A_truncated_model_says_damaged_or_truncated()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.doppel");
        ModelFile.Save(Model.Value, path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Should.Throw<ModelFormatException>(() => ModelFile.Load(path));
        error.Message.ShouldMatch("damaged|truncated");
        error.ExitCode.ShouldBe(3);
    }

    [Fact]
    public void A_foreign_zip_and_a_newer_version_and_tampered_parameters_are_each_named()
    {
        using var folder = new TempFolder();
        string foreign = folder.File("foreign.doppel");
        using (var zip = ZipFile.Open(foreign, ZipArchiveMode.Create)) Write(zip, "readme.txt", "hello");
        Should.Throw<ModelFormatException>(() => ModelFile.Load(foreign)).Message.ShouldContain("no manifest.json");

        string original = folder.File("model.doppel");
        ModelFile.Save(Model.Value, original);
        string newer = Rewrite(folder, original, "newer.doppel", "manifest.json", text => text.Replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        Should.Throw<ModelFormatException>(() => ModelFile.Load(newer)).Message.ShouldContain("format version 99, newer");

        string tampered = Rewrite(folder, original, "tampered.doppel", "learned.json", text => text.Replace("\"dimensions\": ", "\"dimensions\":  "));
        Should.Throw<ModelFormatException>(() => ModelFile.Load(tampered)).Message.ShouldContain("checksum");
    }

    private static string Rewrite(TempFolder folder, string source, string name, string entryName, Func<string, string> change)
    {
        string target = folder.File(name);
        using var input = ZipFile.OpenRead(source);
        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            string text = reader.ReadToEnd();
            Write(output, entry.FullName, entry.FullName == entryName ? change(text) : text);
        }
        return target;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
