namespace Doppel;

/// <summary>
/// The output cannot be written: a database refuses the connection or the statement, or a database file is
/// damaged or not a database. Exit code 3, like other problems with what the command was pointed at.
/// </summary>
public sealed class OutputException(string message, Exception? inner = null) : DoppelException(message, inner)
{
    public override int ExitCode => ExitCodes.BadInput;
}
