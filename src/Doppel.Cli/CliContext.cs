using Spectre.Console;

namespace Doppel.Cli;

/// <summary>Where a command writes: a Spectre console for results, a writer for errors and plain progress, and whether a person is watching.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, bool interactive)
    {
        Error = error;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive) Console.Profile.Width = 120;
    }

    /// <summary>Results: tables, summaries.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Errors, warnings and plain progress lines.</summary>
    public TextWriter Error { get; }

    /// <summary>True when a terminal is attached: live progress bars and colours.</summary>
    public bool Interactive { get; }

    /// <summary>The process's own console streams.</summary>
    public static CliContext FromProcess() =>
        new(System.Console.Out, System.Console.Error, !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected);

    public void Warn(string message) => Error.WriteLine("warning: " + message);
}
