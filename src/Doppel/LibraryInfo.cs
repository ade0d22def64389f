using System.Reflection;

namespace Doppel;

/// <summary>Facts about this build of the library.</summary>
public static class LibraryInfo
{
    /// <summary>The library version (major.minor.patch).</summary>
    public static string Version { get; } =
        typeof(LibraryInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(LibraryInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
