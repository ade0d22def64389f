using Doppel.Cli;

return CliApp.Run(args);
