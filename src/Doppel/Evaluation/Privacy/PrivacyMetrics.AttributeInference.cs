using Doppel.Data;
using Doppel.Learning.Neighbors;

namespace Doppel.Evaluation.Privacy;

public static partial class PrivacyMetrics
{
    private const string AttributeName = "Attribute inference";
    private const string AttributeMeaning =
        "An attacker who knows a person's other learned columns predicts the sensitive column from that person's 5 nearest " +
        "synthetic rows (Gower distance; votes or mean weighted by 1 / (distance + 10⁻⁶), so an exact match decides). Raw = " +
        "accuracy (categorical) or mean absolute error ÷ range (numerical, datetime) on training rows. The same attack on " +
        "holdout rows measures what the synthetic data teaches about anyone; a guess from the synthetic marginal (majority " +
        "class or mean) is the floor. Score = 1 − the attack's gain on training rows over holdout rows, as a share of the room " +
        "left to gain. Beating the marginal is expected of faithful data (population correlations); doing better on the " +
        "training rows than on unseen rows is the leak. Without a holdout the marginal is the comparison, which also counts fidelity.";

    private const int AttackNeighbours = 5;
    private const int MaxAttackRows = 10_000;
    private const double WeightOffset = 1e-6;

    private static List<MetricResult> AttributeInference(Context context)
    {
        if (context.Inputs.Sensitive.Count == 0)
            return [MetricResult.Skipped(Group, AttributeName, "No sensitive columns were named; name the columns an attacker would try to infer.", AttributeMeaning)];
        return [.. context.Inputs.Sensitive.Distinct(StringComparer.Ordinal).Select(column => AttributeInference(context, column))];
    }

    private static MetricResult AttributeInference(Context context, string column)
    {
        string name = $"{AttributeName} ({column})";
        if (!context.Columns.Contains(column, StringComparer.Ordinal))
            return MetricResult.Skipped(Group, name, $"'{column}' is not a learned column present in every table; learned columns: {string.Join(", ", context.Columns)}.", AttributeMeaning);
        string[] known = [.. context.Columns.Where(c => c != column)];
        if (known.Length == 0)
            return MetricResult.Skipped(Group, name, $"'{column}' is the only learned column, so the attacker knows nothing to start from.", AttributeMeaning);

        GowerSpace space = GowerSpace.Fit(context.Inputs.Real, known);
        EncodedRows synthetic = space.Encode(context.Inputs.Synthetic);
        var secrets = Secret.Of(context.Inputs.Synthetic[column], context.Inputs.Real[column]);
        int limit = Math.Min(MaxAttackRows, context.Holdout is null ? context.Inputs.Real.RowCount : Math.Min(context.Inputs.Real.RowCount, context.Holdout.RowCount));
        Randomness.Rng rng = context.Rng.Fork("attribute:" + column);
        int[] trainRows = PrivacyStatistics.Sample(context.Inputs.Real.RowCount, limit, rng.Fork("train"));
        AttackResult? train = AttackResult.Run(context, space, synthetic, secrets, context.Inputs.Real, trainRows);
        if (train is null)
            return MetricResult.Skipped(Group, name, $"Every sampled training row has '{column}' missing.", AttributeMeaning);

        var parts = new List<MetricPart>
        {
            new("training rows", null, train.Value.Rate, secrets.Unit),
            new("marginal guess on training rows", null, train.Value.Baseline, secrets.Unit),
        };
        double comparison = train.Value.Baseline;
        string? reason = "No holdout: compared with the marginal guess, which also rewards faithful correlations; give a holdout to separate leakage from fidelity.";
        if (context.Holdout is not null)
        {
            int[] holdoutRows = PrivacyStatistics.Sample(context.Holdout.RowCount, limit, rng.Fork("holdout"));
            if (AttackResult.Run(context, space, synthetic, secrets, context.Holdout, holdoutRows) is { } holdout)
            {
                parts.Insert(1, new("holdout rows", null, holdout.Rate, secrets.Unit));
                comparison = holdout.Rate;
                reason = null;
            }
        }
        double gain = secrets.IsCategorical
            ? (comparison < 1 ? (train.Value.Rate - comparison) / (1 - comparison) : 0)
            : (comparison > 0 ? (comparison - train.Value.Rate) / comparison : 0);
        return new MetricResult(Group, name, 1 - Math.Clamp(gain, 0, 1), train.Value.Rate, AttributeMeaning) { Reason = reason, Breakdown = parts };
    }

    /// <summary>The attack's and the marginal guess's accuracy (categorical) or error ÷ range (numerical) on some target rows.</summary>
    private readonly record struct AttackResult(double Rate, double Baseline)
    {
        public static AttackResult? Run(Context context, GowerSpace space, EncodedRows synthetic, Secret secrets, Table targets, int[] rows)
        {
            Column truth = targets[secrets.Name];
            int[] present = [.. rows.Where(r => !truth.IsMissing(r) && (truth is not NumericColumn n || double.IsFinite(n.Values[r])))];
            if (present.Length == 0) return null;
            NeighborResult neighbours = context.Search(space.Encode(targets).Select(present), synthetic, Math.Min(AttackNeighbours, synthetic.Count));
            double attack = 0, baseline = 0;
            for (int i = 0; i < present.Length; i++)
            {
                attack += secrets.Score(truth, present[i], secrets.Predict(neighbours, i));
                baseline += secrets.Score(truth, present[i], secrets.Marginal);
            }
            return new AttackResult(attack / present.Length, baseline / present.Length);
        }
    }

    /// <summary>The sensitive column of the synthetic table, as the attacker reads it: category strings or numbers.</summary>
    private sealed class Secret
    {
        private readonly CategoricalColumn? _categories;
        private readonly double[]? _numbers;
        private readonly double _range;

        private Secret(string name, CategoricalColumn? categories, double[]? numbers, double range, object marginal)
        {
            Name = name;
            _categories = categories;
            _numbers = numbers;
            _range = range;
            Marginal = marginal;
        }

        public string Name { get; }
        public bool IsCategorical => _categories is not null;
        public string Unit => IsCategorical ? "accuracy" : "mean absolute error ÷ range";

        /// <summary>The guess from the synthetic marginal: the majority category (ties: first in ordinal order) or the mean.</summary>
        public object Marginal { get; }

        public static Secret Of(Column synthetic, Column real)
        {
            if (synthetic is CategoricalColumn categories)
            {
                string majority = categories.Codes.Where(c => c >= 0).GroupBy(c => categories.Categories[c], StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? "";
                return new Secret(synthetic.Name, categories, null, 1, majority);
            }
            double[] numbers = Numbers(synthetic);
            double[] present = [.. numbers.Where(v => !double.IsNaN(v))];
            double[] reference = [.. Numbers(real).Where(v => !double.IsNaN(v))];
            double range = reference.Length == 0 ? 0 : reference.Max() - reference.Min();
            return new Secret(synthetic.Name, null, numbers, range > 0 ? range : 1, present.Length == 0 ? 0.0 : present.Average());
        }

        /// <summary>The weighted vote or mean of the neighbours' values (missing ones ignored; none left: the marginal guess).</summary>
        public object Predict(NeighborResult neighbours, int query)
        {
            if (_categories is not null)
            {
                var votes = new List<(string Value, double Weight)>(neighbours.K);
                for (int rank = 0; rank < neighbours.K; rank++)
                {
                    string? value = _categories[neighbours.Index(query, rank)];
                    if (value is null) continue;
                    double weight = 1 / (neighbours.Distance(query, rank) + WeightOffset);
                    int at = votes.FindIndex(v => v.Value == value);
                    if (at < 0) votes.Add((value, weight));
                    else votes[at] = (value, votes[at].Weight + weight);
                }
                if (votes.Count == 0) return Marginal;
                (string Value, double Weight) best = votes[0];
                foreach ((string Value, double Weight) vote in votes)
                    if (vote.Weight > best.Weight) best = vote;
                return best.Value;
            }
            double sum = 0, weights = 0;
            for (int rank = 0; rank < neighbours.K; rank++)
            {
                double value = _numbers![neighbours.Index(query, rank)];
                if (double.IsNaN(value)) continue;
                double weight = 1 / (neighbours.Distance(query, rank) + WeightOffset);
                sum += weight * value;
                weights += weight;
            }
            return weights > 0 ? sum / weights : Marginal;
        }

        /// <summary>1 for a right category, 0 for a wrong one; |guess − truth| ÷ range for numbers.</summary>
        public double Score(Column truth, int row, object guess) => truth switch
        {
            CategoricalColumn c => c[row] == (string)guess ? 1 : 0,
            NumericColumn n => Math.Abs((double)guess - n.Values[row]) / _range,
            DateTimeColumn d => Math.Abs((double)guess - d.Ticks[row]) / _range,
            _ => throw new InvalidOperationException($"Column '{truth.Name}' holds text."),
        };

        private static double[] Numbers(Column column) => column switch
        {
            // Infinite values (possible in a hand-made table) count as missing, so no error or mean becomes infinite.
            NumericColumn n => [.. n.Values.Select(v => double.IsFinite(v) ? v : double.NaN)],
            DateTimeColumn d => [.. d.Ticks.Select(t => t == DateTimeColumn.Missing ? double.NaN : t)],
            _ => [],
        };
    }
}
