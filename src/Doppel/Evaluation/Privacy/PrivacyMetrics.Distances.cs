using Doppel.Learning.Neighbors;

namespace Doppel.Evaluation.Privacy;

public static partial class PrivacyMetrics
{
    private const string ExactMatchName = "Exact matches";
    private const string ExactMatchMeaning =
        "Share of synthetic rows identical to some training row on every learned column. Copied rows are the plainest " +
        "leak. Real rows of the same population also repeat training rows by chance (common combinations, duplicates), so " +
        "the rate is compared with the holdout's: score 1 at or below the holdout's rate, falling to 0 at 10 points above " +
        "it (above 0 without a holdout). No exact match does not mean private: a row changed in one cell can still disclose its record.";

    private const string ClosestRecordName = "Distance to closest record";
    private const string ClosestRecordMeaning =
        "Gower distance (0 = identical, 1 = different in every column) from each synthetic row to its closest training row, " +
        "against the same distance for holdout rows the synthesizer never saw. Synthetic rows much closer to training " +
        "rows than fresh real rows are suggest memorised records. Raw = synthetic median; score = synthetic 5th percentile " +
        "÷ holdout 5th percentile (medians when that is 0), capped at 1. DCR alone is not a privacy guarantee: a large " +
        "distance can still leak through rare combinations of values, and it says nothing about attribute disclosure.";

    private const string ShareName = "DCR share";
    private const string ShareMeaning =
        "Share of synthetic rows closer to a training row than to any holdout row, with the larger of the two sampled down " +
        "to the other's size (ties count half). A synthesizer that generalises lands near 50%; above 50% its rows lean " +
        "toward the records it was trained on. Score = 1 − 2 · max(0, share − 0.5). Near 50% shows no leak on average; it " +
        "does not protect a few copied records among many.";

    private const string RatioName = "Nearest-neighbour distance ratio";
    private const string RatioMeaning =
        "For each synthetic row, its distance to the closest training row ÷ the distance to the second closest (1 when both " +
        "are 0). A small ratio means the row sits next to one particular record rather than in a dense region, which can " +
        "point at that person, above all an outlier. Raw = synthetic median; score = synthetic 5th percentile ÷ holdout " +
        "5th percentile (medians when that is 0), capped at 1. It describes geometry, not proof of disclosure.";

    private const string MembershipName = "Membership inference";
    private const string MembershipMeaning =
        "An attacker holding candidate records says 'was in training' the closer a candidate lies to some synthetic row. " +
        "Raw = ROC-AUC of that guess over training rows (members) and holdout rows (non-members), equal numbers of each: " +
        "0.5 means distance tells nothing about membership, 1 means every member is found. Score = 1 − max(0, 2 · AUC − 1). " +
        "It is one attack: stronger ones (shadow models, density ratios) may do better, so 0.5 here is evidence, not proof.";

    private static MetricResult ExactMatches(Context context)
    {
        RowKeys keys = RowKeys.Exact(context.Columns);
        Dictionary<RowKeys.Key, int> training = RowKeys.Count(keys.Encode(context.Inputs.Real), keys.Width);
        double rate = MatchRate(keys.Encode(context.Inputs.Synthetic), keys.Width, training);
        if (context.Holdout is null)
            return new MetricResult(Group, ExactMatchName, PrivacyStatistics.ExcessScore(rate, 0), rate, ExactMatchMeaning)
            {
                Reason = "No holdout: the rate is judged against 0, although real rows can repeat training rows by chance.",
                Breakdown = [new MetricPart("synthetic rows", null, rate, "share identical to a training row")],
            };
        double baseline = MatchRate(keys.Encode(context.Holdout), keys.Width, training);
        return new MetricResult(Group, ExactMatchName, PrivacyStatistics.ExcessScore(rate, baseline), rate, ExactMatchMeaning)
        {
            Breakdown =
            [
                new MetricPart("synthetic rows", null, rate, "share identical to a training row"),
                new MetricPart("holdout rows", null, baseline, "share identical to a training row (chance level)"),
            ],
        };
    }

    private static double MatchRate(long[] keys, int width, Dictionary<RowKeys.Key, int> training)
    {
        int rows = keys.Length / width, matches = 0;
        for (int r = 0; r < rows; r++)
            if (training.ContainsKey(new RowKeys.Key(keys, r * width, width))) matches++;
        return (double)matches / rows;
    }

    private static MetricResult ClosestRecord(Context context) =>
        LowTail(context, ClosestRecordName, ClosestRecordMeaning, context.SyntheticToTrain.Distances(0), () => context.HoldoutToTrain.Distances(0), "distances");

    // A distribution whose low tail shows risk: synthetic 5th percentile and median, scored against the holdout's.
    private static MetricResult LowTail(Context context, string name, string meaning, double[] synthetic, Func<double[]> holdoutValues, string what)
    {
        double p5 = PrivacyStatistics.Percentile(synthetic, 0.05), median = PrivacyStatistics.Percentile(synthetic, 0.5);
        var parts = new List<MetricPart>
        {
            new("synthetic rows, 5th percentile", null, p5),
            new("synthetic rows, median", null, median),
        };
        if (context.Holdout is null)
            return Unscored(name, median, $"No holdout: without the {what} of unseen real rows there is nothing to compare with.", meaning, parts);
        double[] holdout = holdoutValues();
        double holdoutP5 = PrivacyStatistics.Percentile(holdout, 0.05), holdoutMedian = PrivacyStatistics.Percentile(holdout, 0.5);
        parts.Add(new("holdout rows, 5th percentile", null, holdoutP5));
        parts.Add(new("holdout rows, median", null, holdoutMedian));
        return new MetricResult(Group, name, LowTailScore(p5, median, holdoutP5, holdoutMedian), median, meaning) { Breakdown = parts };
    }

    // The 5th percentiles compared, or the medians when the holdout's 5th percentile is 0 (many exact repeats in real data).
    private static double LowTailScore(double p5, double median, double holdoutP5, double holdoutMedian) =>
        holdoutP5 > 0 ? PrivacyStatistics.RatioScore(p5, holdoutP5) : PrivacyStatistics.RatioScore(median, holdoutMedian);

    private static MetricResult ClosestRecordShare(Context context)
    {
        if (context.HoldoutRows is null)
            return MetricResult.Skipped(Group, ShareName, "Needs a holdout: real rows the synthesizer never saw.", ShareMeaning);
        EncodedRows synthetic = context.SyntheticQueries;
        NeighborResult toTrain = context.Search(synthetic, context.Train.Select(context.TrainSample), 1);
        NeighborResult toHoldout = context.Search(synthetic, context.HoldoutRows.Select(context.HoldoutSample), 1);
        double closer = 0;
        for (int q = 0; q < synthetic.Count; q++)
        {
            double a = toTrain.Distance(q, 0), b = toHoldout.Distance(q, 0);
            closer += a < b ? 1 : a == b ? 0.5 : 0;
        }
        double share = closer / synthetic.Count;
        return new MetricResult(Group, ShareName, 1 - Math.Clamp(2 * (share - 0.5), 0, 1), share, ShareMeaning)
        {
            Breakdown = [new MetricPart("rows compared on each side", null, context.TrainSample.Length)],
        };
    }

    private static MetricResult DistanceRatio(Context context) => context.ClosestK < 2
        ? MetricResult.Skipped(Group, RatioName, "Needs at least two training rows.", RatioMeaning)
        : LowTail(context, RatioName, RatioMeaning, Ratios(context.SyntheticToTrain), () => Ratios(context.HoldoutToTrain), "ratios");

    private static double[] Ratios(NeighborResult neighbours)
    {
        var ratios = new double[neighbours.QueryCount];
        for (int q = 0; q < ratios.Length; q++)
        {
            double nearest = neighbours.Distance(q, 0), second = neighbours.Distance(q, 1);
            ratios[q] = second > 0 ? nearest / second : 1;
        }
        return ratios;
    }

    private static MetricResult MembershipInference(Context context)
    {
        if (context.HoldoutRows is null)
            return MetricResult.Skipped(Group, MembershipName, "Needs a holdout: real rows the synthesizer never saw, as non-members.", MembershipMeaning);
        double[] members = context.Search(context.Train.Select(context.TrainSample), context.Synthetic, 1).Distances(0);
        double[] nonMembers = context.Search(context.HoldoutRows.Select(context.HoldoutSample), context.Synthetic, 1).Distances(0);
        double auc = PrivacyStatistics.AucSmallerIsMember(members, nonMembers);
        return new MetricResult(Group, MembershipName, 1 - Math.Max(0, 2 * auc - 1), auc, MembershipMeaning)
        {
            Breakdown =
            [
                new MetricPart("members (training rows), median distance to synthetic", null, PrivacyStatistics.Percentile(members, 0.5)),
                new MetricPart("non-members (holdout rows), median distance to synthetic", null, PrivacyStatistics.Percentile(nonMembers, 0.5)),
            ],
        };
    }
}
