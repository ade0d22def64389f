using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Doppel.Data;
using Doppel.IO;
using Doppel.Neural;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Ctgan;
using Doppel.Synthesizers.Tvae;
using Doppel.Tests;

namespace Doppel.Bench;

/// <summary>
/// Two builds of the engine timed in the same window: this machine's speed drifts by a quarter over minutes, so runs
/// of two builds one after the other compare the machine's moods as much as the code. Each build's Doppel.Core.dll is
/// loaded into its own load context together with a copy of this assembly, and the builds take turns in one process,
/// round after round (the order flips every round), on the same workload. Reported: each round's times and the median
/// of the ratios B/A after the first round (warm-up). Seen on CTGAN here: the ratios can lean by up to a fifth towards
/// one of the two contexts for a while, so a verdict should hold with the builds given in both orders.
/// </summary>
public static class SameWindow
{
    /// <summary><c>same-window buildA buildB workload [rounds]</c>; a build is a folder holding Doppel.Core.dll (e.g. <c>dotnet build -c Release src/Doppel -o /tmp/a</c>).</summary>
    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: same-window <build A folder> <build B folder> <tvae:EPOCHS | ctgan:EPOCHS | gemm:M:N:K[:ab]> [rounds, default 8]");
            return 2;
        }
        string[] builds = [Path.GetFullPath(args[0]), Path.GetFullPath(args[1])];
        foreach (string build in builds)
            if (!File.Exists(Path.Combine(build, "Doppel.Core.dll")))
            {
                Console.Error.WriteLine($"{build} holds no Doppel.Core.dll (build one with: dotnet build -c Release src/Doppel -o {build}).");
                return 2;
            }
        string workload = args[2];
        int rounds = args.Length > 3 && int.TryParse(args[3], CultureInfo.InvariantCulture, out int r) && r >= 2 ? r : 8;
        if (!Workload.IsKnown(workload))
        {
            Console.Error.WriteLine($"Unknown workload '{workload}': use tvae:EPOCHS, ctgan:EPOCHS (EPOCHS ≥ 2) or gemm:M:N:K[:ab].");
            return 2;
        }
        if (workload.StartsWith("gemm", StringComparison.Ordinal) is false && Datasets.Find("adult/train.csv") is null)
        {
            Console.Error.WriteLine("adult/train.csv is not here (set DOPPEL_DATASETS or place the datasets at ../shared/datasets); nothing to measure.");
            return 1;
        }
        Func<string, double>[] measure = [.. builds.Select(Load)];
        var times = new List<double>[] { [], [] };
        for (int round = 0; round < rounds; round++)
        {
            int[] order = round % 2 == 0 ? [0, 1] : [1, 0];
            foreach (int b in order) times[b].Add(measure[b](workload));
            Console.WriteLine($"round {round + 1}: A {times[0][^1]:F4}  B {times[1][^1]:F4}  B/A {times[1][^1] / times[0][^1]:F3}");
        }
        double[] ratios = [.. times[1].Zip(times[0], (b, a) => b / a).Skip(1).Order()];
        Console.WriteLine($"B/A median {Median(ratios):F3} over {ratios.Length} rounds (range {ratios[0]:F3}–{ratios[^1]:F3}); " +
            $"A median {Median([.. times[0].Skip(1).Order()]):F4}, B median {Median([.. times[1].Skip(1).Order()]):F4} ({Workload.Unit(workload)})");
        return 0;
    }

    private static double Median(double[] sorted) => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>A context holding one build's Doppel.Core and a copy of this assembly; returns its <see cref="Workload.Measure"/>.</summary>
    private static Func<string, double> Load(string build)
    {
        var context = new BuildContext(build);
        Assembly bench = context.LoadFromAssemblyPath(typeof(SameWindow).Assembly.Location);
        MethodInfo method = bench.GetType(typeof(Workload).FullName!)!.GetMethod(nameof(Workload.Measure))!;
        return workload => (double)method.Invoke(null, [workload])!;
    }

    /// <summary>Resolves Doppel.Core (and the other Doppel assemblies it may need) from the build folder, everything else as usual.</summary>
    private sealed class BuildContext(string build) : AssemblyLoadContext($"build {build}")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name is not { } simple || !simple.StartsWith("Doppel.", StringComparison.Ordinal) || simple == "Doppel.Bench") return null;
            string path = Path.Combine(build, simple + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}

/// <summary>The workloads <see cref="SameWindow"/> times; runs inside a build's load context, bound to that build's engine.</summary>
public static class Workload
{
    private static Table? s_table;
    private static Metadata? s_metadata;
    private static bool s_warm;

    public static bool IsKnown(string workload)
    {
        string[] parts = workload.Split(':');
        return parts[0] switch
        {
            "tvae" or "ctgan" => parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int epochs) && epochs >= 2,
            "gemm" => parts.Length is 4 or 5 && parts[1..4].All(p => int.TryParse(p, CultureInfo.InvariantCulture, out int size) && size > 0),
            _ => false,
        };
    }

    public static string Unit(string workload) => workload.StartsWith("gemm", StringComparison.Ordinal) ? "seconds per GFLOP, best of five bursts" : "seconds per epoch after the first";

    /// <summary>Seconds per epoch after the first (tvae:E, ctgan:E on Adult), or seconds per GFLOP of a multiply on every core (gemm:M:N:K[:ab], best of five bursts).</summary>
    public static double Measure(string workload)
    {
        string[] parts = workload.Split(':');
        if (parts[0] == "gemm") return Gemm(int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), parts.Length > 4 ? parts[4] : "");
        int epochs = int.Parse(parts[1], CultureInfo.InvariantCulture);
        if (s_table is null)
        {
            RawTable raw = TableFileReader.Read(Datasets.Find("adult/train.csv")!);
            s_metadata = Profiler.Detect(raw);
            s_table = TableBuilder.Build(raw, s_metadata);
        }
        ISynthesizer synthesizer = parts[0] == "tvae" ? new TvaeSynthesizer(new TvaeOptions { Epochs = epochs }) : new CtganSynthesizer(new CtganOptions { Epochs = epochs });
        var clock = Stopwatch.StartNew();
        double? first = null;
        synthesizer.Fit(s_table, s_metadata!, new FitOptions { Seed = 1 }, new NeuralBench.Reporter(p => { if (p.Stage.StartsWith("epoch", StringComparison.Ordinal)) first ??= clock.Elapsed.TotalSeconds; }));
        return (clock.Elapsed.TotalSeconds - first!.Value) / (epochs - 1);
    }

    private static double Gemm(int m, int n, int k, string transposed)
    {
        bool ta = transposed.Contains('a', StringComparison.Ordinal), tb = transposed.Contains('b', StringComparison.Ordinal);
        var rng = new Doppel.Randomness.Rng(1);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.Length; i++) a[i] = (float)rng.NextGaussian();
        for (int i = 0; i < b.Length; i++) b[i] = (float)rng.NextGaussian();
        int repeats = Math.Max(20, (int)(1e9 / (2.0 * m * n * k)));
        // The first call in a context runs three seconds of multiplies first: the engine's code needs that long to
        // leave the JIT's first tier, and a round is far shorter.
        if (!s_warm)
        {
            for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 3;) ManagedKernels.Default.MatrixMultiply(ta, tb, m, n, k, 1, a, b, 0, c);
            s_warm = true;
        }
        double best = double.MaxValue;
        for (int burst = 0; burst < 5; burst++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < repeats; i++) ManagedKernels.Default.MatrixMultiply(ta, tb, m, n, k, 1, a, b, 0, c);
            best = Math.Min(best, clock.Elapsed.TotalSeconds / (2.0 * m * n * k * repeats / 1e9));
        }
        return best;
    }
}
