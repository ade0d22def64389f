namespace Doppel.Tests;

/// <summary>A fact that needs a PostgreSQL server: runs against DOPPEL_POSTGRES (a connection string), skipped with the reason shown where it is unset.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>The environment variable holding the connection string.</summary>
    public const string Variable = "DOPPEL_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            Skip = $"no PostgreSQL server: set {Variable} to a connection string (e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres); .ci/run starts one";
    }

    /// <summary>The server to test against, or null.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
