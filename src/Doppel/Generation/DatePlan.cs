using Doppel.Randomness;

namespace Doppel.Generation;

/// <summary>
/// Dates (whole days) or timestamps (whole seconds) in a range. With constant bounds the day is drawn from a
/// table of per-day weights (weekday × month), so seasonal and weekday shapes hold exactly; with bounds that
/// are expressions over other columns (e.g. after the birth date) the value is uniform within each row's range.
/// </summary>
internal sealed class DatePlan : ColumnPlan
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private readonly long _low, _high;
    private readonly CompiledExpression? _lowExpression, _highExpression;
    private readonly bool _dateOnly;
    private readonly long _firstDay;
    private readonly IndexDistribution? _days;

    public DatePlan(long low, long high, CompiledExpression? lowExpression, CompiledExpression? highExpression, bool dateOnly,
        double[]? weekdayWeights, double[]? monthWeights) : base(ValueKind.DateTime)
    {
        _low = low;
        _high = high;
        _lowExpression = lowExpression;
        _highExpression = highExpression;
        _dateOnly = dateOnly;
        _firstDay = CeilingDiv(low, TicksPerDay);
        if (lowExpression is null && highExpression is null && (weekdayWeights is not null || monthWeights is not null))
        {
            long lastDay = high / TicksPerDay;
            var weights = new double[Math.Max(1, lastDay - _firstDay + 1)];
            for (long d = _firstDay; d <= lastDay; d++)
            {
                var date = new DateTime(d * TicksPerDay);
                double w = (weekdayWeights?[((int)date.DayOfWeek + 6) % 7] ?? 1) * (monthWeights?[date.Month - 1] ?? 1);
                weights[d - _firstDay] = w;
            }
            _days = new IndexDistribution(weights);
        }
    }

    /// <summary>Why these weights cannot be used over this range, or null.</summary>
    public static string? WeightProblem(long low, long high, double[]? weekdayWeights, double[]? monthWeights)
    {
        long first = CeilingDiv(low, TicksPerDay), last = high / TicksPerDay;
        if (last - first > 400_000) return "weekday and month weights need a range of at most about 1,000 years";
        for (long d = first; d <= last; d++)
        {
            var date = new DateTime(d * TicksPerDay);
            if ((weekdayWeights?[((int)date.DayOfWeek + 6) % 7] ?? 1) * (monthWeights?[date.Month - 1] ?? 1) > 0) return null;
        }
        return "every day in the range has weight 0; give some weekday and month a positive weight";
    }

    public override void Fill(Frame frame, Rng rng)
    {
        long[] ticks = Allocate<long[]>(frame);
        for (int i = 0; i < ticks.Length; i++)
        {
            long low = Bound(_lowExpression, frame, i, _low), high = Bound(_highExpression, frame, i, _high);
            ticks[i] = _days is not null ? FromDayTable(rng) : Uniform(rng, low, high);
        }
    }

    private long FromDayTable(Rng rng)
    {
        long day = _firstDay + _days!.Index(rng.NextDouble());
        if (_dateOnly) return day * TicksPerDay;
        long seconds = RowHash.Below(rng.NextUInt64(), 86_400);
        return Math.Clamp(day * TicksPerDay + seconds * TicksPerSecond, _low, _high);
    }

    private long Uniform(Rng rng, long low, long high)
    {
        long unit = _dateOnly ? TicksPerDay : TicksPerSecond;
        long first = CeilingDiv(low, unit), last = high / unit;
        // An empty range (a bound column after the other bound) has no valid value: the row gets null.
        if (first > last) return Data.DateTimeColumn.Missing;
        return (first + RowHash.Below(rng.NextUInt64(), last - first + 1)) * unit;
    }

    private static long Bound(CompiledExpression? expression, Frame frame, int row, long constant)
    {
        if (expression is null) return constant;
        double days = expression.Number(frame, row);
        if (double.IsNaN(days)) return constant;
        return (long)Math.Clamp(days * TicksPerDay, 0, DateTime.MaxValue.Ticks);
    }

    private static long CeilingDiv(long value, long unit) => (value + unit - 1) / unit;
}
