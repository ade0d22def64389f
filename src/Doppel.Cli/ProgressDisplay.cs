using System.Diagnostics;
using Spectre.Console;

namespace Doppel.Cli;

/// <summary>Shows progress of long work: a live bar on a terminal, otherwise a plain line at most every two seconds.</summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, which reports progress as a fraction in [0, 1] with a short status.</summary>
    public static T Run<T>(CliContext context, string title, Func<IProgress<(double Fraction, string Status)>, T> work)
    {
        if (context.Interactive)
        {
            T result = default!;
            context.Console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask task = ctx.AddTask(title, maxValue: 1.0);
                    var progress = new SynchronousProgress(p =>
                    {
                        task.Value = Math.Clamp(p.Fraction, 0, 1);
                        task.Description = $"{title} {p.Status}";
                    });
                    result = work(progress);
                    task.Value = 1.0;
                });
            return result;
        }
        var clock = Stopwatch.StartNew();
        TimeSpan last = TimeSpan.Zero;
        var plain = new SynchronousProgress(p =>
        {
            if (clock.Elapsed - last < TimeSpan.FromSeconds(2)) return;
            last = clock.Elapsed;
            context.Error.WriteLine($"{title}: {p.Fraction:P0} {p.Status} ({clock.Elapsed.TotalSeconds:F0} s)");
        });
        return work(plain);
    }

    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to the thread pool and report late).</summary>
    private sealed class SynchronousProgress(Action<(double Fraction, string Status)> report) : IProgress<(double Fraction, string Status)>
    {
        private readonly Lock _gate = new();

        public void Report((double Fraction, string Status) value)
        {
            lock (_gate) report(value);
        }
    }
}
