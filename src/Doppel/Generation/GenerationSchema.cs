namespace Doppel.Generation;

/// <summary>
/// A declared schema of tables and columns (read from YAML or JSON, or built with <see cref="SchemaBuilder"/>).
/// Unvalidated until <see cref="Compile"/>, which checks everything at once and lists every problem.
/// </summary>
public sealed class GenerationSchema
{
    internal GenerationSchema(SchemaNode root) => Root = root;

    internal SchemaNode Root { get; }

    /// <summary>The seed written in the schema ('seed: 42'), or null.</summary>
    public long? Seed => SchemaCompiler.SchemaSeed(Root);

    /// <summary>Reads a schema file (.yaml, .yml or .json); a file that cannot be read throws <see cref="UsageException"/>, bad syntax <see cref="SchemaException"/>.</summary>
    public static GenerationSchema Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new UsageException($"The schema file '{path}' does not exist.");
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads schema text (YAML or JSON); <paramref name="source"/> names it in error messages.</summary>
    public static GenerationSchema Parse(string text, string source = "schema")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new GenerationSchema(SchemaReader.Read(text, source));
    }

    /// <summary>Checks the schema and compiles it into a plan; throws <see cref="SchemaException"/> listing every problem.</summary>
    public GenerationPlan Compile(GenerationOptions? options = null)
    {
        options ??= new GenerationOptions { Seed = Seed ?? 0 };
        return new GenerationPlan(SchemaCompiler.Compile(Root, options), options);
    }

    /// <summary>Every problem of the schema (empty when it is valid), each with its path.</summary>
    public IReadOnlyList<string> Validate(GenerationOptions? options = null)
    {
        try
        {
            Compile(options);
            return [];
        }
        catch (SchemaException e)
        {
            return e.Problems;
        }
    }
}
