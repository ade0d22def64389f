using Doppel.Neural;
using Doppel.Randomness;

namespace Doppel.Tests.Neural;

public class DataParallelTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(500)]
    public void Shards_cover_every_row_of_a_batch_once_in_order(int rows)
    {
        int next = 0;
        for (int s = 0; s < DataParallel.Shards; s++)
        {
            (int start, int length) = DataParallel.Rows(rows, s).GetOffsetAndLength(rows);
            start.ShouldBe(next);
            next += length;
        }
        next.ShouldBe(rows);
    }

    [Fact]
    public void Replica_gradients_sum_into_the_first_and_replicas_share_its_values()
    {
        var first = new Linear(3, 2, new Rng(1), new ManagedKernels(1));
        var second = new Linear(3, 2, new Rng(2), new ManagedKernels(1));
        for (int i = 0; i < 6; i++) { first.Weight.Gradient[i] = i; second.Weight.Gradient[i] = 10 * i; }
        DataParallel.SumGradients(first.Parameters, second.Parameters);
        first.Weight.Gradient.ShouldBe([0f, 11, 22, 33, 44, 55]);
        DataParallel.ShareValues(first.Parameters, second.Parameters);
        first.Weight.Value[4] = 42;
        second.Weight.Value[4].ShouldBe(42f);
        second.Bias.Value.ShouldBe(first.Bias.Value);
        // Gradients stay each replica's own.
        second.Weight.Gradient[1].ShouldBe(10f);
        Should.Throw<ArgumentException>(() => DataParallel.ShareValues(first.Parameters, [second.Weight, new Parameter("other", 5)]));
        Should.Throw<ArgumentException>(() => DataParallel.SumGradients(first.Parameters, [first.Weight]));
    }

    [Fact]
    public void Row_shards_draw_from_generators_seeded_in_order_and_give_the_same_values_on_one_or_two_threads()
    {
        float[] Run(int threads)
        {
            var values = new float[1001];
            DataParallel.RunRows(values.Length, threads, new Rng(7), (shard, start, count, rng) =>
            {
                for (int i = start; i < start + count; i++) values[i] = shard + (float)rng.NextDouble();
            });
            return values;
        }
        float[] one = Run(1), two = Run(2);
        two.ShouldBe(one);
        // Every row was written by exactly its shard, from that shard's own generator.
        var seeds = new Rng(7);
        for (int shard = 0; shard < DataParallel.Shards; shard++)
        {
            var expected = new Rng(seeds.NextUInt64());
            (int start, int count) = DataParallel.Rows(one.Length, shard).GetOffsetAndLength(one.Length);
            for (int i = start; i < start + count; i++) one[i].ShouldBe(shard + (float)expected.NextDouble());
        }
    }

    [Fact]
    public void A_first_layer_skips_its_input_gradient_but_not_its_parameter_gradients()
    {
        var rng = new Rng(3);
        Tensor x = GradientCheck.RandomTensor(5, 4, rng), dy = GradientCheck.RandomTensor(5, 3, rng);
        var full = new Linear(4, 3, new Rng(4), new ManagedKernels(1));
        var first = new Linear(4, 3, new Rng(4), new ManagedKernels(1)) { PropagatesToInput = false };
        full.Forward(x, training: true);
        first.Forward(x, training: true);
        float[] inputGradient = (float[])full.Backward(dy).Data.Clone();
        first.Backward(dy).Columns.ShouldBe(0);
        first.Weight.Gradient.ShouldBe(full.Weight.Gradient);
        first.Bias.Gradient.ShouldBe(full.Bias.Gradient);

        // BackwardToInput gives the same input gradient and leaves the parameters' gradients alone.
        first.Weight.ClearGradient();
        first.Bias.ClearGradient();
        first.BackwardToInput(dy).Data.ShouldBe(inputGradient);
        first.Weight.Gradient.ShouldAllBe(g => g == 0);
        first.Bias.Gradient.ShouldAllBe(g => g == 0);
    }

    [Theory]
    [InlineData(ActivationKind.Relu, 0f)]
    [InlineData(ActivationKind.LeakyRelu, 0.2f)]
    public void Vectorised_rectifiers_equal_the_scalar_definition(ActivationKind kind, float slope)
    {
        var rng = new Rng(5);
        Tensor x = GradientCheck.RandomTensor(7, 13, rng), dy = GradientCheck.RandomTensor(7, 13, rng);
        x.Data[3] = 0;
        var layer = new Activation(kind, 0.2f);
        float[] y = (float[])layer.Forward(x, training: true).Data.Clone();
        float[] dx = layer.Backward(dy).Data;
        for (int i = 0; i < x.Data.Length; i++)
        {
            y[i].ShouldBe(x.Data[i] > 0 ? x.Data[i] : slope * x.Data[i]);
            dx[i].ShouldBe(x.Data[i] > 0 ? dy.Data[i] : slope * dy.Data[i]);
        }
    }

    [Fact]
    public void Adam_gives_the_same_update_on_one_or_two_threads_and_the_scalar_tail_agrees_with_the_vectors()
    {
        float[] Run(int threads)
        {
            var parameter = new Parameter("w", (1 << 17) + 5);
            var rng = new Rng(8);
            var adam = new Adam([parameter], 1e-3f, 0.5f, 0.9f, 1e-5f) { MaxThreads = threads };
            for (int step = 0; step < 3; step++)
            {
                for (int i = 0; i < parameter.Gradient.Length; i++) parameter.Gradient[i] = (float)rng.NextGaussian();
                adam.Step();
            }
            return parameter.Value;
        }
        float[] one = Run(1), two = Run(2);
        two.ShouldBe(one);
        // Same inputs at a vector position and in the scalar tail give the same value.
        var p = new Parameter("p", System.Numerics.Vector<float>.Count + 1);
        Array.Fill(p.Gradient, 0.3f);
        new Adam([p], 0.01f).Step();
        p.Value[^1].ShouldBe(p.Value[0]);
        p.Value[0].ShouldBe(-0.01f, 1e-6);
    }

    [Fact]
    public void Adam_adding_a_replicas_gradients_equals_summing_them_first_on_one_or_two_threads()
    {
        // Several parameters of odd lengths, so the two threads' halves cut one of them part-way.
        int[] lengths = [37, 40_003, 9, 50_001, 17];
        (Parameter[] trained, Parameter[] replica) Make()
        {
            Parameter[] t = [.. lengths.Select((n, i) => new Parameter($"p{i}", n))], r = [.. lengths.Select((n, i) => new Parameter($"p{i}", n))];
            var init = new Rng(4);
            foreach (Parameter p in t) for (int i = 0; i < p.Value.Length; i++) p.Value[i] = (float)init.NextGaussian();
            return (t, r);
        }
        float[][] Run(int threads, bool fused)
        {
            (Parameter[] trained, Parameter[] replica) = Make();
            var rng = new Rng(9);
            var adam = new Adam(trained, 1e-3f, 0.5f, 0.9f, 1e-5f) { MaxThreads = threads };
            for (int step = 0; step < 3; step++)
            {
                foreach (Parameter p in trained.Concat(replica))
                    for (int i = 0; i < p.Gradient.Length; i++) p.Gradient[i] = (float)rng.NextGaussian();
                float[][] replicaBefore = [.. replica.Select(p => (float[])p.Gradient.Clone())];
                if (fused) adam.Step(replica);
                else
                {
                    DataParallel.SumGradients(trained, replica);
                    adam.Step();
                }
                for (int i = 0; i < replica.Length; i++) replica[i].Gradient.ShouldBe(replicaBefore[i]);
            }
            return [.. trained.Select(p => p.Value)];
        }
        float[][] reference = Run(1, fused: false);
        foreach (int threads in new[] { 1, 2 })
        {
            float[][] fused = Run(threads, fused: true);
            for (int i = 0; i < lengths.Length; i++) fused[i].ShouldBe(reference[i], $"parameter {i}, {threads} threads");
        }
        Should.Throw<ArgumentException>(() => new Adam(Make().trained, 0.1f).Step(Make().replica.Take(2).ToArray()));
        Parameter[] mismatched = [.. Make().replica.Select((p, i) => i == 1 ? new Parameter(p.Name, p.Value.Length + 1) : p)];
        Should.Throw<ArgumentException>(() => new Adam(Make().trained, 0.1f).Step(mismatched)).Message.ShouldContain("'p1'");
    }

    [Fact]
    public void Row_ranges_cover_every_row_once_and_split_only_large_batches_with_two_threads()
    {
        List<(int Start, int Count)> Ranges(ManagedKernels kernels, int rows, int columns)
        {
            var ranges = new List<(int, int)>();
            kernels.ForRows(rows, columns, (start, count) => { lock (ranges) ranges.Add((start, count)); });
            return [.. ranges.OrderBy(r => r.Item1)];
        }
        // Eight fixed ranges (fewer for fewer rows), whichever thread takes each.
        Ranges(new ManagedKernels(2), 500, 256).ShouldBe([(0, 62), (62, 63), (125, 62), (187, 63), (250, 62), (312, 63), (375, 62), (437, 63)]);
        Ranges(new ManagedKernels(2), 7, 10_000).ShouldBe([.. Enumerable.Range(0, 7).Select(r => (r, 1))]);
        Ranges(new ManagedKernels(2), 10, 10).ShouldBe([(0, 10)]);
        Ranges(new ManagedKernels(1), 500, 256).ShouldBe([(0, 500)]);
        Ranges(new ManagedKernels(2), 0, 256).ShouldBe([(0, 0)]);
    }

    [Fact]
    public void Layers_give_the_same_values_with_rows_split_across_threads_as_on_one()
    {
        // Batch norm, activations and the residual block's copies split their per-row work; sums stay in row order.
        (float[] Output, float[] InputGradient, float[] Gradients) Run(ITensorKernels kernels)
        {
            var rng = new Rng(31);
            var block = new Residual(40, 300, rng.Fork("block"), kernels);
            var leaky = new Activation(ActivationKind.LeakyRelu, 0.2f, kernels);
            Tensor x = GradientCheck.RandomTensor(200, 40, rng), dy = GradientCheck.RandomTensor(200, 340, rng);
            Tensor y = leaky.Forward(block.Forward(x, training: true), training: true);
            float[] output = (float[])y.Data.Clone();
            float[] inputGradient = (float[])block.Backward(leaky.Backward(dy)).Data.Clone();
            return (output, inputGradient, [.. block.Parameters.SelectMany(p => p.Gradient)]);
        }
        var one = Run(new ManagedKernels(1));
        var two = Run(new ManagedKernels(2));
        two.Output.ShouldBe(one.Output);
        two.InputGradient.ShouldBe(one.InputGradient);
        two.Gradients.ShouldBe(one.Gradients);
    }

    [Fact]
    public void Gumbel_softmax_halves_give_the_same_rows_on_one_or_two_threads_and_pick_evenly_from_equal_logits()
    {
        OutputSpan[] spans = [new(0, 1, SpanKind.Tanh), new(1, 4, SpanKind.Softmax)];
        var input = new Tensor(4001, 5);
        float[] Run(int threads) => (float[])new OutputActivation(spans, 1f, gumbelNoise: true, new Rng(11), threads).Forward(input, training: true).Data.Clone();
        float[] one = Run(1), two = Run(2);
        two.ShouldBe(one);
        one.ShouldAllBe(v => float.IsFinite(v));
        var picks = new int[4];
        for (int r = 0; r < input.Rows; r++)
        {
            ReadOnlySpan<float> group = one.AsSpan(r * 5 + 1, 4);
            System.Numerics.Tensors.TensorPrimitives.Sum(group).ShouldBe(1f, 1e-5f);
            picks[System.Numerics.Tensors.TensorPrimitives.IndexOfMax(group)]++;
        }
        // Gumbel-max with equal logits picks each slot with probability 1/4.
        picks.ShouldAllBe(c => Math.Abs(c - input.Rows / 4.0) < 4 * Math.Sqrt(input.Rows * 0.25 * 0.75));
    }

    [Fact]
    public void Worker_team_runs_every_part_once_rethrows_a_failure_and_stays_usable()
    {
        var counts = new int[4];
        WorkerTeam.Run(4, p => Interlocked.Increment(ref counts[p]));
        counts.ShouldAllBe(c => c == 1);

        Should.Throw<InvalidOperationException>(() => WorkerTeam.Run(2, p => { if (p == 1) throw new InvalidOperationException("helper part"); }));
        Should.Throw<InvalidOperationException>(() => WorkerTeam.Run(2, p => { if (p == 0) throw new InvalidOperationException("caller part"); }));

        // A part that forks again runs its inner parts in order instead of deadlocking on the busy team.
        var inner = new int[2 * 3];
        WorkerTeam.Run(2, p => WorkerTeam.Run(3, q => inner[p * 3 + q]++));
        inner.ShouldAllBe(c => c == 1);
    }

    [Fact]
    public void Worker_team_chunks_run_once_each_whichever_thread_takes_them()
    {
        // Which thread takes which chunk is not fixed (the team may even be busy with another caller's work, when
        // this caller runs every chunk itself); that each chunk runs exactly once is.
        var counts = new int[37];
        WorkerTeam.RunChunks(2, counts.Length, c =>
        {
            Interlocked.Increment(ref counts[c]);
            Thread.SpinWait(200);
        });
        counts.ShouldAllBe(c => c == 1);

        WorkerTeam.RunChunks(1, 3, c => counts[c]++);
        counts.Take(3).ShouldAllBe(c => c == 2);
        Should.Throw<InvalidOperationException>(() => WorkerTeam.RunChunks(2, 8, c => { if (c == 7) throw new InvalidOperationException("last chunk"); }));
    }
}
