using Doppel.Data;
using Doppel.Evaluation;
using Doppel.IO;
using Doppel.Synthesizers;
using Doppel.Synthesizers.GaussianCopula;

namespace Doppel.Tests.Synthesizers;

/// <summary>The copula on real data (Adult): marginals, the correlation matrix and the link between income and the rest survive.</summary>
public class GaussianCopulaDatasetTests
{
    private static readonly Lazy<(LoadedTable Real, Table Synthetic)> Adult = new(() =>
    {
        LoadedTable real = TableLoader.Load(Datasets.Require("adult/train.csv"));
        SynthesizerModel model = new GaussianCopulaSynthesizer().Fit(real.Table, real.Metadata, new FitOptions { Seed = 1 });
        return (real, model.Sample(real.Table.RowCount, seed: 2));
    });

    [DatasetFact("adult/train.csv")]
    public void Every_marginal_is_kept()
    {
        var (real, synthetic) = Adult.Value;
        var shapes = ColumnShapes.Score(real.Table, synthetic, real.Metadata);
        shapes.Count.ShouldBe(15);
        foreach (var (column, metric, score) in shapes)
            score.ShouldBeGreaterThan(0.95, $"{column} ({metric})");
    }

    [DatasetFact("adult/train.csv")]
    public void The_correlation_matrix_of_the_numbers_is_kept()
    {
        var (real, synthetic) = Adult.Value;
        string[] numbers = [.. real.Metadata.Columns.Where(c => c.Type == ColumnType.Numerical).Select(c => c.Name)];
        numbers.Length.ShouldBe(6);
        double Pearson(Table table, string a, string b) => TestTables.Pearson(((NumericColumn)table[a]).Values, ((NumericColumn)table[b]).Values);
        double worst = numbers.SelectMany(a => numbers.Select(b => Math.Abs(Pearson(real.Table, a, b) - Pearson(synthetic, a, b)))).Max();
        // A copula keeps rank dependence; Pearson on raw values also depends on shapes it cannot make linear
        // (hours-per-week rises and falls with age), so the worst pair is off by about 0.06 (0.10 before atoms
        // such as capital-gain's zeros were disattenuated).
        worst.ShouldBeLessThan(0.075);
    }

    [DatasetFact("adult/train.csv")]
    public void Income_keeps_its_link_with_education_and_sex()
    {
        var (real, synthetic) = Adult.Value;
        // The reference's copula loses this link; the rate of '>50K' must differ by group as in the real data.
        foreach (Table table in new[] { real.Table, synthetic })
        {
            double rich(string column, Func<int, bool> inGroup) => RateOfHighIncome(table, column, inGroup);
            var sex = (CategoricalColumn)table["sex"];
            double male = rich("sex", i => sex[i] == "Male"), female = rich("sex", i => sex[i] == "Female");
            double[] education = ((NumericColumn)table["education-num"]).Values;
            double graduates = rich("education-num", i => education[i] >= 13), others = rich("education-num", i => education[i] < 13);
            (male - female).ShouldBeGreaterThan(0.12, "men earn >50K more often than women");
            (graduates - others).ShouldBeGreaterThan(0.2, "graduates earn >50K more often");
        }
    }

    private static double RateOfHighIncome(Table table, string column, Func<int, bool> inGroup)
    {
        var income = (CategoricalColumn)table["income"];
        int[] rows = [.. Enumerable.Range(0, table.RowCount).Where(inGroup)];
        return rows.Count(i => income[i] == ">50K") / (double)rows.Length;
    }
}
