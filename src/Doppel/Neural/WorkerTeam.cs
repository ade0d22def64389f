namespace Doppel.Neural;

/// <summary>
/// A fork–join for sub-millisecond work (one GEMM of a training step): part 0 runs on the caller, the others on
/// persistent helper threads that spin for up to a millisecond before sleeping, so a hand-off costs microseconds
/// rather than a thread-pool round trip, even across the serial stretches of a training step (an optimiser update,
/// a loss) that are longer than a wait handle's own spinning. One caller at a time: a second concurrent caller, or a part that forks again, runs its
/// parts itself, in order, which gives the same result because every part writes its own output.
/// </summary>
internal static class WorkerTeam
{
    private const int SpinCount = 2000;
    private static readonly Lock Gate = new();
    private static readonly ManualResetEventSlim Done = new(false, SpinCount);
    private static Helper[] s_helpers = [];
    private static int s_pending;
    private static Exception? s_failure;

    /// <summary>Runs <paramref name="work"/>(0 … parts−1) and returns when all are done; rethrows the first failure.</summary>
    public static void Run(int parts, Action<int> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        // A part that itself forks (or a second caller) runs its parts in order: the team is busy.
        if (parts <= 1 || Gate.IsHeldByCurrentThread || !Gate.TryEnter())
        {
            for (int p = 0; p < parts; p++) work(p);
            return;
        }
        try
        {
            Helper[] helpers = Helpers(parts - 1);
            s_failure = null;
            Done.Reset();
            Volatile.Write(ref s_pending, parts - 1);
            for (int p = 1; p < parts; p++) helpers[p - 1].Start(work, p);
            try { work(0); }
            catch (Exception e) { Interlocked.CompareExchange(ref s_failure, e, null); }
            Await(Done);
            if (s_failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            Gate.Exit();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/>(0 … chunks−1), each chunk once, on the caller and the helpers, each taking the next
    /// chunk as it comes free: a part that runs slower (its data in the other core's cache, a busy neighbour) no
    /// longer keeps the other waiting at the join. Chunks must be independent, so which thread runs one does not matter.
    /// </summary>
    public static void RunChunks(int threads, int chunks, Action<int> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (threads <= 1 || chunks <= 1)
        {
            for (int c = 0; c < chunks; c++) work(c);
            return;
        }
        var queue = new ChunkQueue(chunks, work);
        Run(Math.Min(threads, chunks), queue.Drain);
    }

    private sealed class ChunkQueue(int chunks, Action<int> work)
    {
        private int _next = -1;

        public void Drain(int part)
        {
            for (int chunk; (chunk = Interlocked.Increment(ref _next)) < chunks;) work(chunk);
        }
    }

    /// <summary>How long a waiting thread spins before it sleeps on the handle.</summary>
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 1000;

    private static void Await(ManualResetEventSlim signal)
    {
        if (!signal.IsSet)
        {
            long until = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
            while (!signal.IsSet && System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
        }
        signal.Wait();
    }

    private static Helper[] Helpers(int count)
    {
        if (s_helpers.Length >= count) return s_helpers;
        Helper[] grown = [.. s_helpers, .. Enumerable.Range(s_helpers.Length, count - s_helpers.Length).Select(i => new Helper(i))];
        s_helpers = grown;
        return grown;
    }

    private static void Finished(Exception? failure)
    {
        if (failure is not null) Interlocked.CompareExchange(ref s_failure, failure, null);
        if (Interlocked.Decrement(ref s_pending) == 0) Done.Set();
    }

    private sealed class Helper
    {
        private readonly ManualResetEventSlim _go = new(false, SpinCount);
        private Action<int>? _work;
        private int _part;

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"doppel-gemm-{index + 1}" };
            thread.Start();
        }

        public void Start(Action<int> work, int part)
        {
            _work = work;
            _part = part;
            _go.Set();
        }

        private void Loop()
        {
            while (true)
            {
                Await(_go);
                _go.Reset();
                Exception? failure = null;
                try { _work!(_part); }
                catch (Exception e) { failure = e; }
                _work = null;
                Finished(failure);
            }
        }
    }
}
