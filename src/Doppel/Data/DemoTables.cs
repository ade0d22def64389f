using Doppel.Privacy;
using Doppel.Randomness;

namespace Doppel.Data;

/// <summary>
/// A built-in demo table, generated (not shipped) so a fresh machine has something real-looking to learn:
/// customers with an id, personal data, correlated numbers, categories, dates, a boolean and missing values.
/// </summary>
public static class DemoTables
{
    private static readonly string[] Segments = ["Consumer", "Small Business", "Enterprise"];
    private static readonly string[] Countries = ["US", "DE", "FR", "GB", "NL", "ES", "IT", "CA"];
    private static readonly double[] CountryWeights = [0.34, 0.16, 0.12, 0.12, 0.07, 0.07, 0.06, 0.06];

    /// <summary>The customers table: <paramref name="rows"/> rows, the same for the same seed.</summary>
    public static (Table Table, Metadata Metadata) Customers(int rows = 5000, long seed = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var rng = Rng.FromSeed(seed).Fork("demo:customers");
        var ids = new string?[rows];
        var names = new string?[rows];
        var emails = new string?[rows];
        var ages = new double[rows];
        var segments = new int[rows];
        var countries = new int[rows];
        var incomes = new double[rows];
        var spends = new double[rows];
        var signups = new long[rows];
        var churned = new int[rows];
        var satisfaction = new double[rows];
        PiiFaker nameFaker = PiiFaker.Create(PiiKind.PersonName);
        PiiFaker emailFaker = PiiFaker.Create(PiiKind.Email);
        long firstDay = new DateTime(2019, 1, 1).Ticks / TimeSpan.TicksPerDay;
        long lastDay = new DateTime(2025, 12, 31).Ticks / TimeSpan.TicksPerDay;

        for (int i = 0; i < rows; i++)
        {
            ids[i] = $"C{i + 1:D5}";
            names[i] = nameFaker.Next(rng);
            emails[i] = emailFaker.Next(rng);
            double age = Math.Clamp(Math.Round(41 + 13 * rng.NextGaussian()), 18, 90);
            ages[i] = age;
            double u = rng.NextDouble();
            int segment = u < 0.62 - 0.002 * (age - 40) ? 0 : u < 0.9 ? 1 : 2;
            segments[i] = segment;
            countries[i] = Pick(CountryWeights, rng.NextDouble());
            double logIncome = 10.4 + 0.012 * (age - 40) + 0.35 * segment + 0.45 * rng.NextGaussian();
            incomes[i] = Math.Round(Math.Exp(logIncome), 2);
            double spend = Math.Max(0, 15 + 0.0009 * incomes[i] + 30 * segment + 12 * rng.NextGaussian());
            spends[i] = Math.Round(spend, 2);
            long day = firstDay + (long)Math.Floor(Math.Pow(rng.NextDouble(), 0.8) * (lastDay - firstDay));
            signups[i] = day * TimeSpan.TicksPerDay;
            double churnLogit = -0.6 - 0.025 * (spend - 60) - 0.4 * segment + 0.5 * rng.NextGaussian();
            churned[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-churnLogit)) ? 0 : 1;
            double score = Math.Clamp(Math.Round(3.6 - 1.2 * (churned[i] == 0 ? 1 : 0) + 0.8 * rng.NextGaussian()), 1, 5);
            satisfaction[i] = rng.NextDouble() < 0.12 + 0.1 * (churned[i] == 0 ? 1 : 0) ? double.NaN : score;
        }

        var table = new Table(
        [
            new TextColumn("customer_id", ids),
            new TextColumn("name", names),
            new TextColumn("email", emails),
            new NumericColumn("age", ages),
            new CategoricalColumn("segment", segments, Segments),
            new CategoricalColumn("country", countries, Countries),
            new NumericColumn("annual_income", incomes),
            new NumericColumn("monthly_spend", spends),
            new DateTimeColumn("signup_date", signups),
            new CategoricalColumn("churned", churned, ["Yes", "No"]),
            new NumericColumn("satisfaction", satisfaction),
        ]);
        var metadata = new Metadata(
        [
            new ColumnMetadata("customer_id", ColumnType.Id) { Pattern = "A#####" },
            new ColumnMetadata("name", ColumnType.Pii) { Pii = PiiKind.PersonName },
            new ColumnMetadata("email", ColumnType.Pii) { Pii = PiiKind.Email },
            new ColumnMetadata("age", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0, Minimum = ages.Min(), Maximum = ages.Max() },
            new ColumnMetadata("segment", ColumnType.Categorical),
            new ColumnMetadata("country", ColumnType.Categorical),
            new ColumnMetadata("annual_income", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 2, Minimum = incomes.Min(), Maximum = incomes.Max() },
            new ColumnMetadata("monthly_spend", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 2, Minimum = spends.Min(), Maximum = spends.Max() },
            new ColumnMetadata("signup_date", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-dd" },
            new ColumnMetadata("churned", ColumnType.Boolean),
            new ColumnMetadata("satisfaction", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0, Minimum = 1, Maximum = 5 },
        ], primaryKey: "customer_id");
        return (table, metadata);
    }

    private static int Pick(double[] weights, double u)
    {
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            if (u < sum) return i;
        }
        return weights.Length - 1;
    }
}
