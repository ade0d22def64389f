using BenchmarkDotNet.Attributes;
using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Bench.Micro;

/// <summary>
/// The neural engine's matrix multiply, 512×512×512 (2·512³ ≈ 268 MFLOP per call) and a training-sized
/// 500×256×256, on one and two threads. GFLOP/s = 2·m·n·k / mean time. Target: at least 100 GFLOP/s on two cores.
/// </summary>
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [];
    private ITensorKernels _kernels = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>
    /// managed (the default kernel: the 512-bit tile where AVX-512 runs at full speed), managed-256 (the 256-bit tile,
    /// as on AVX2 machines), openblas (cblas_sgemm, where libopenblas0 is installed; OPENBLAS_NUM_THREADS sets its threads),
    /// or bf16 (the optional bfloat16 kernel, where the CPU has AVX-512 BF16).
    /// </summary>
    [Params("managed", "managed-256", "openblas", "bf16")]
    public string Backend { get; set; } = "managed";

    [Params("512x512x512", "500x256x256")]
    public string Shape { get; set; } = "512x512x512";

    private int M => int.Parse(Shape.Split('x')[0]);
    private int N => int.Parse(Shape.Split('x')[1]);
    private int K => int.Parse(Shape.Split('x')[2]);

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(42);
        _a = new float[M * K];
        _b = new float[K * N];
        _c = new float[M * N];
        for (int i = 0; i < _a.Length; i++) _a[i] = (float)rng.NextGaussian();
        for (int i = 0; i < _b.Length; i++) _b[i] = (float)rng.NextGaussian();
        if (Backend == "openblas") Environment.SetEnvironmentVariable("OPENBLAS_NUM_THREADS", Threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _kernels = Backend == "managed" ? new ManagedKernels(Threads)
            : Backend == "managed-256" ? new ManagedKernels(Threads, wideTiles: false)
            : Backend == "bf16" ? Bf16Kernels.Create(Threads)
            : OpenBlasKernels.TryCreate() ?? throw new InvalidOperationException("libopenblas.so.0 is not installed (apt-get install libopenblas0).");
    }

    [Benchmark]
    public void Multiply() => _kernels.MatrixMultiply(false, false, M, N, K, 1, _a, _b, 0, _c);
}
