using System.CommandLine;
using Doppel.Cli.Commands;

namespace Doppel.Cli;

/// <summary>The <c>doppel</c> command line: parses, runs one command, and maps every failure to a clear line and an exit code.</summary>
public static class CliApp
{
    /// <summary>Runs the CLI with the process's console.</summary>
    public static int Run(string[] args) => Run(args, CliContext.FromProcess());

    /// <summary>Runs the CLI writing to the given writers (for tests): no colours, plain progress.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, new CliContext(output, error, interactive: false));

    internal static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("Doppel: learn a table and sample synthetic rows that keep its distributions, correlations and rules without copying anyone.")
        {
            ProfileCommand.Create(context),
            FitCommand.Create(context),
            SampleCommand.Create(context),
            SynthCommand.Create(context),
            InfoCommand.Create(context),
            DemoCommand.Create(context),
            EvaluateCommand.Create(context),
            GenerateCommand.Create(context),
            BalanceCommand.Create(context),
        };
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            foreach (var error in parse.Errors) context.Error.WriteLine("error: " + error.Message);
            context.Error.WriteLine("Run `doppel --help` or `doppel <command> --help` for usage.");
            return ExitCodes.Usage;
        }
        return parse.Invoke(new InvocationConfiguration { Output = context.Console.Profile.Out.Writer, Error = context.Error });
    }

    /// <summary>Runs a command body: a Doppel error becomes one line and its exit code, anything else an internal error.</summary>
    internal static int Guard(CliContext context, Action body)
    {
        try
        {
            body();
            return ExitCodes.Ok;
        }
        catch (DoppelException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine("error: a file could not be read or written: " + e.Message);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("error: cancelled.");
            return ExitCodes.Internal;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            context.Error.WriteLine("This is a bug in Doppel; please report it with the command you ran.");
            if (Environment.GetEnvironmentVariable("DOPPEL_DEBUG") == "1") context.Error.WriteLine(e);
            return ExitCodes.Internal;
        }
    }
}
