namespace Doppel.IO;

/// <summary>Opens an input file for a reader, turning the usual failures into messages that name the file.</summary>
internal static class InputFile
{
    public static FileStream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw new DataFormatException("The input file path is empty. Pass the path of a data file.");
        if (Directory.Exists(path)) throw TableReadErrors.IsDirectory(path);
        if (!File.Exists(path)) throw TableReadErrors.MissingFile(path);
        try
        {
            // The readers buffer for themselves, so the file stream does not need to.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw TableReadErrors.CannotOpen(path, e);
        }
    }
}
