using System.Text;
using Doppel.IO;

namespace Doppel.Tests.IO;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Commit_puts_the_content_in_place_and_leaves_no_temporary_file()
    {
        string path = _folder.File("out.csv");

        using (var writer = AtomicFileWriter.Create(path, overwrite: false))
        {
            writer.Stream.Write("a,b\n1,2\n"u8);
            File.Exists(path).ShouldBeFalse();
            writer.Commit();
        }

        File.ReadAllText(path).ShouldBe("a,b\n1,2\n");
        _folder.Files().ShouldBe(["out.csv"]);
    }

    [Fact]
    public void While_writing_the_content_is_in_a_hidden_temporary_file_in_the_same_folder()
    {
        using var writer = AtomicFileWriter.Create(_folder.File("out.csv"), overwrite: false);

        string temporary = _folder.Files().ShouldHaveSingleItem();
        temporary.ShouldStartWith(".out.csv.");
        temporary.ShouldEndWith(".tmp");
    }

    [Fact]
    public void Disposing_without_commit_leaves_nothing_behind()
    {
        string path = _folder.File("out.csv");

        void FailingWrite()
        {
            using var writer = AtomicFileWriter.Create(path, overwrite: false);
            writer.Stream.Write(new byte[100_000]);
            throw new InvalidOperationException("the sampler failed");
        }

        Should.Throw<InvalidOperationException>(FailingWrite);
        _folder.Files().ShouldBeEmpty();
    }

    [Fact]
    public void A_failed_overwrite_keeps_the_old_file()
    {
        string path = _folder.Write("out.csv", "old");

        using (var writer = AtomicFileWriter.Create(path, overwrite: true))
            writer.Stream.Write("new, unfinished"u8);

        File.ReadAllText(path).ShouldBe("old");
        _folder.Files().ShouldBe(["out.csv"]);
    }

    [Fact]
    public void An_existing_file_is_not_overwritten_without_the_flag()
    {
        string path = _folder.Write("out.csv", "old");

        var error = Should.Throw<UsageException>(() => AtomicFileWriter.Create(path, overwrite: false));

        error.Message.ShouldContain($"The file '{path}' already exists");
        error.Message.ShouldContain("--force");
        File.ReadAllText(path).ShouldBe("old");
        _folder.Files().ShouldBe(["out.csv"]);
    }

    [Fact]
    public void An_existing_file_is_replaced_with_the_flag()
    {
        string path = _folder.Write("out.csv", "old");

        AtomicFileWriter.WriteAllBytes(path, Encoding.UTF8.GetBytes("new"), overwrite: true);

        File.ReadAllText(path).ShouldBe("new");
        _folder.Files().ShouldBe(["out.csv"]);
    }

    [Fact]
    public void A_missing_folder_is_reported_with_the_fix()
    {
        string folder = Path.Combine(_folder.Path, "no-such-folder");

        var error = Should.Throw<UsageException>(() => AtomicFileWriter.Create(Path.Combine(folder, "out.csv"), overwrite: true));

        error.Message.ShouldBe($"The folder '{folder}' does not exist; create it first or choose another output path.");
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public void A_folder_is_not_a_valid_output_path()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "out.csv")).FullName;

        Should.Throw<UsageException>(() => AtomicFileWriter.Create(folder, overwrite: true))
            .Message.ShouldContain("is a folder");
    }

    [Fact]
    public void A_committed_writer_cannot_commit_again()
    {
        using var writer = AtomicFileWriter.Create(_folder.File("out.csv"), overwrite: false);
        writer.Commit();

        Should.Throw<ObjectDisposedException>(writer.Commit);
        File.Exists(_folder.File("out.csv")).ShouldBeTrue();
    }

    [Fact]
    public void Checking_a_target_applies_the_same_rules_without_writing_anything()
    {
        string existing = _folder.Write("old.csv", "old");

        AtomicFileWriter.CheckTarget(_folder.File("new.csv"), overwrite: false).ShouldBe(_folder.File("new.csv"));
        AtomicFileWriter.CheckTarget(existing, overwrite: true).ShouldBe(existing);
        Should.Throw<UsageException>(() => AtomicFileWriter.CheckTarget(existing, overwrite: false)).Message.ShouldContain("--force");
        Should.Throw<UsageException>(() => AtomicFileWriter.CheckTarget(Path.Combine(_folder.Path, "missing", "x.csv"), overwrite: false))
            .Message.ShouldContain("does not exist; create it first");
        _folder.Files().ShouldBe(["old.csv"]);
    }
}
