using BenchmarkDotNet.Running;
using Doppel.Bench;

// dotnet run -c Release --project bench/Doppel.Bench -- e2e      end-to-end on the shared datasets (default)
// dotnet run -c Release --project bench/Doppel.Bench -- micro    BenchmarkDotNet kernels
// dotnet run -c Release --project bench/Doppel.Bench -- neural [epochs] [runs]   CTGAN/TVAE on Adult
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(EndToEnd).Assembly).Run(args[1..]);
    return 0;
}
if (args.Length > 0 && args[0] == "neural")
    return NeuralBench.Run(args[1..], Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results"));
return EndToEnd.Run(args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results"));
