using Doppel.Data;
using static Doppel.Tests.Data.ProfilerTestsSupport;

namespace Doppel.Tests.Data;

public class ProfilerTestsDatasets
{
    [DatasetFact("adult/train.csv")]
    public void Adult_columns_get_the_expected_types()
    {
        Metadata metadata = Profiler.Detect(ReadCsv(Datasets.Require("adult/train.csv")));

        metadata.Columns.Select(c => c.Name).ShouldBe(
        [
            "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
            "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
        ]);
        foreach (string name in new[] { "age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week" })
        {
            metadata[name].Type.ShouldBe(ColumnType.Numerical, name);
            metadata[name].Subtype.ShouldBe(NumericalSubtype.Integer, name);
            metadata[name].Decimals.ShouldBe(0, name);
        }
        foreach (string name in new[] { "workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country", "income" })
            metadata[name].Type.ShouldBe(ColumnType.Categorical, name);
        metadata["age"].Minimum.ShouldBe(17);
        metadata["age"].Maximum.ShouldBe(90);
        metadata["capital-gain"].Maximum.ShouldBe(99999);
        metadata.PrimaryKey.ShouldBeNull();
    }

    [DatasetFact("adult/train.csv")]
    public void Adult_summary_counts_missing_and_distinct_values()
    {
        var raw = ReadCsv(Datasets.Require("adult/train.csv"));
        IReadOnlyList<ColumnSummary> summaries = Profiler.Summarize(raw, Profiler.Detect(raw));

        ColumnSummary income = summaries.Single(s => s.Name == "income");
        income.DistinctCount.ShouldBe(2);
        income.TypeDetail.ShouldBe("categorical");
        income.Example.ShouldBe("<=50K");
        ColumnSummary workclass = summaries.Single(s => s.Name == "workclass");
        workclass.MissingFraction.ShouldBe(1836.0 / 32561, 1e-12);
        summaries.Single(s => s.Name == "age").TypeDetail.ShouldBe("integer");
    }

    [DatasetFact("titanic/titanic.csv")]
    public void Titanic_columns_get_the_expected_types()
    {
        Metadata metadata = Profiler.Detect(ReadCsv(Datasets.Require("titanic/titanic.csv")));

        metadata["PassengerId"].Type.ShouldBe(ColumnType.Id);
        metadata.PrimaryKey.ShouldBe("PassengerId");
        metadata["Survived"].Type.ShouldBe(ColumnType.Boolean);
        // Pclass (1, 2, 3) stays numerical: numbers are kept as numbers unless they are 0/1 or zero-padded codes,
        // and the class is ordinal, so its order means something to a synthesizer.
        metadata["Pclass"].Type.ShouldBe(ColumnType.Numerical);
        metadata["Pclass"].Subtype.ShouldBe(NumericalSubtype.Integer);
        metadata["Name"].Type.ShouldBe(ColumnType.Pii);
        metadata["Name"].Pii.ShouldBe(PiiKind.PersonName);
        metadata["Sex"].Type.ShouldBe(ColumnType.Categorical);
        metadata["Embarked"].Type.ShouldBe(ColumnType.Categorical);
        metadata["Ticket"].Type.ShouldBe(ColumnType.Text);
        metadata["Cabin"].Type.ShouldBe(ColumnType.Text);
        metadata["Age"].Subtype.ShouldBe(NumericalSubtype.Float);
        metadata["Age"].Minimum.ShouldBe(0.4167);
        metadata["Fare"].Subtype.ShouldBe(NumericalSubtype.Float);
        metadata["Fare"].Decimals.ShouldBe(4);
        metadata["SibSp"].Subtype.ShouldBe(NumericalSubtype.Integer);
    }

    [DatasetFact("titanic/titanic.csv")]
    public void Titanic_summary_masks_names_and_flags_sparse_wide_columns()
    {
        var raw = ReadCsv(Datasets.Require("titanic/titanic.csv"));
        IReadOnlyList<ColumnSummary> summaries = Profiler.Summarize(raw, Profiler.Detect(raw));

        ColumnSummary name = summaries.Single(s => s.Name == "Name");
        name.TypeDetail.ShouldBe("pii person name");
        name.Example.ShouldBe("B***, M***. O*** H***");
        ColumnSummary cabin = summaries.Single(s => s.Name == "Cabin");
        cabin.Warnings.ShouldContain("mostly missing (77%)");
        cabin.Warnings.ShouldContain("high cardinality (147 distinct)");
        summaries.Single(s => s.Name == "Ticket").Example!.ShouldNotContain("21171");
    }

    [DatasetFact("horse_colic/horse_colic.csv")]
    public void Horse_colic_zero_padded_lesion_codes_stay_categorical()
    {
        Metadata metadata = Profiler.Detect(ReadCsv(Datasets.Require("horse_colic/horse_colic.csv")));

        // "02208" and "00000" are codes: read as numbers they would lose their zeros.
        metadata["lesion_1"].Type.ShouldBe(ColumnType.Categorical);
        metadata["lesion_2"].Type.ShouldBe(ColumnType.Categorical);
        metadata["lesion_3"].Type.ShouldBe(ColumnType.Categorical);
        metadata["rectal_temp"].Type.ShouldBe(ColumnType.Numerical);
    }
}
