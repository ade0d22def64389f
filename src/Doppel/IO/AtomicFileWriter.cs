namespace Doppel.IO;

/// <summary>
/// Writes a file so that it appears complete or not at all: the bytes go to a hidden temporary file in the same
/// folder, which <see cref="Commit"/> flushes to disk and renames into place. Disposing without committing deletes
/// the temporary file, so a failed write leaves nothing behind.
/// </summary>
public sealed class AtomicFileWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly bool _overwrite;
    private readonly FileStream _stream;
    private bool _finished;

    private AtomicFileWriter(string path, string temporaryPath, bool overwrite, FileStream stream)
    {
        _path = path;
        _temporaryPath = temporaryPath;
        _overwrite = overwrite;
        _stream = stream;
    }

    /// <summary>The full path the file will have once committed.</summary>
    public string Path => _path;

    /// <summary>The stream to write the content to (a temporary file until <see cref="Commit"/>).</summary>
    public Stream Stream => _stream;

    /// <summary>
    /// Checks the destination (its folder exists, it is not a folder, it is not an existing file unless
    /// <paramref name="overwrite"/>) and opens the temporary file beside it.
    /// </summary>
    public static AtomicFileWriter Create(string path, bool overwrite)
    {
        string full = CheckTarget(path, overwrite);
        string folder = System.IO.Path.GetDirectoryName(full)!;
        string temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16);
            return new AtomicFileWriter(full, temporary, overwrite, stream);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"Cannot write in the folder '{folder}': {e.Message} Choose a folder you can write to.");
        }
    }

    /// <summary>
    /// Checks, without writing anything, that <see cref="Create"/> would accept the path, so that a command can fail
    /// before a long computation; returns the full path.
    /// </summary>
    public static string CheckTarget(string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException("The output path is empty. Give the path of the file to write.");
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new UsageException($"The output path '{path}' is a folder. Give the path of a file, such as '{System.IO.Path.Combine(path, "out.csv")}'.");
        string folder = System.IO.Path.GetDirectoryName(full) ?? full;
        if (!Directory.Exists(folder))
            throw new UsageException($"The folder '{folder}' does not exist; create it first or choose another output path.");
        if (File.Exists(full) && !overwrite)
            throw new UsageException($"The file '{path}' already exists. Pass --force to overwrite it, or choose another output path.");
        return full;
    }

    /// <summary>Writes a whole file atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool overwrite)
    {
        using AtomicFileWriter writer = Create(path, overwrite);
        writer.Stream.Write(bytes);
        writer.Commit();
    }

    /// <summary>Flushes the content to disk and renames the temporary file into place.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        _finished = true;
        MoveIntoPlace(_temporaryPath, _path, _overwrite);
    }

    /// <summary>
    /// Renames a complete temporary file (already flushed to disk, in the target's folder) to <paramref name="path"/>;
    /// on failure, including a file of that name appearing meanwhile when not <paramref name="overwrite"/>, the
    /// temporary file is deleted. For writers that cannot write through <see cref="Stream"/>, such as a database engine.
    /// </summary>
    public static void MoveIntoPlace(string temporaryPath, string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(temporaryPath);
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            File.Move(temporaryPath, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            // Another process created the file while this one was writing.
            DeleteQuietly(temporaryPath);
            throw new UsageException($"The file '{path}' already exists (it was created while writing). Pass --force to overwrite it, or choose another output path.");
        }
        catch
        {
            DeleteQuietly(temporaryPath);
            throw;
        }
    }

    /// <summary>Deletes the temporary file unless the writer was committed.</summary>
    public void Dispose()
    {
        if (!_finished) Discard();
    }

    private void Discard()
    {
        _finished = true;
        _stream.Dispose();
        DeleteQuietly(_temporaryPath);
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleanup must not hide the error that got us here; a stray hidden .tmp file is the lesser harm.
        }
    }
}
