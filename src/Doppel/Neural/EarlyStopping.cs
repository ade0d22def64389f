namespace Doppel.Neural;

/// <summary>Stops training when an epoch loss has not improved by 0.1% for <c>patience</c> epochs (never when patience is null).</summary>
public sealed class EarlyStopping(int? patience)
{
    private double _best = double.PositiveInfinity;
    private int _stale;

    /// <summary>Records an epoch's loss; true when training should stop.</summary>
    public bool ShouldStop(double loss)
    {
        if (patience is not int limit) return false;
        if (double.IsPositiveInfinity(_best) || loss < _best - 1e-3 * Math.Abs(_best))
        {
            _best = loss;
            _stale = 0;
            return false;
        }
        return ++_stale >= limit;
    }
}
