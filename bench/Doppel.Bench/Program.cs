using BenchmarkDotNet.Running;
using Doppel.Bench;

// dotnet run -c Release --project bench/Doppel.Bench -- micro    BenchmarkDotNet kernels
// dotnet run -c Release --project bench/Doppel.Bench -- databases  1M Adult rows into CSV, SQLite, PostgreSQL (DOPPEL_POSTGRES)
if (args.Length > 0 && args[0] == "databases")
    return Databases.Run(args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results"));
// dotnet run -c Release --project bench/Doppel.Bench -- privacy  nearest neighbours and privacy metrics on Adult
if (args.Length > 0 && args[0] == "privacy")
    return Privacy.Run(args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results"));
// dotnet run -c Release --project bench/Doppel.Bench -- generate [rows]   schema generation vs Bogus
if (args.Length > 0 && args[0] == "generate")
    return GenerationBench.Run(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results"), args.Length > 1 ? long.Parse(args[1]) : 1_000_000);
// dotnet run -c Release --project bench/Doppel.Bench -- learning  gradient-boosted trees on Adult and California housing
if (args.Length > 0 && args[0] == "learning")
    return LearningBench.Run(args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results"));
// dotnet run -c Release --project bench/Doppel.Bench -- balancing  minority recall/F1 after each balancing method (mammography, Adult)
if (args.Length > 0 && args[0] == "balancing")
    return BalancingBench.Run(args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results"));
// dotnet run -c Release --project bench/Doppel.Bench -- neural [epochs] [runs]   CTGAN/TVAE on Adult
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(EndToEnd).Assembly).Run(args[1..]);
    return 0;
}
if (args.Length > 0 && args[0] == "neural")
    return NeuralBench.Run(args[1..], Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results"));
// dotnet run -c Release --project bench/Doppel.Bench -- same-window <build A> <build B> <tvae:E | ctgan:E | gemm:M:N:K[:ab]> [rounds]
//   two builds of Doppel.Core timed taking turns in one process (this machine's speed drifts too much for runs one after the other)
if (args.Length > 0 && args[0] == "same-window")
    return SameWindow.Run(args[1..]);
if (args.Length > 0 && args[0] == "e2e-one")
    return EndToEnd.RunOne(args[1], args[2], args[3]);
// dotnet run -c Release --project bench/Doppel.Bench -- e2e [synthesizer,...] [dataset,...]   datasets × synthesizers (default: the fast ones and auto, every dataset)
string[]? List(int i) => args.Length > i ? args[i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
return EndToEnd.Run(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results"), List(1) ?? EndToEnd.DefaultSynthesizers, List(2));
