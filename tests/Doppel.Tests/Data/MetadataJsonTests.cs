using Doppel.Data;

namespace Doppel.Tests.Data;

public class MetadataJsonTests
{
    private static Metadata Full() => new(
    [
        new ColumnMetadata("id", ColumnType.Id) { Pattern = "C-#####" },
        new ColumnMetadata("age", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0, Minimum = 17, Maximum = 90, Distribution = Distribution.TruncatedNormal },
        new ColumnMetadata("income", ColumnType.Numerical) { Subtype = NumericalSubtype.Float, Decimals = 2, Minimum = -12.5, Maximum = 1e7 + 0.25 },
        new ColumnMetadata("joined", ColumnType.DateTime) { DateTimeFormat = "yyyy-MM-ddTHH:mm:ssZ", Distribution = Distribution.Uniform },
        new ColumnMetadata("segment", ColumnType.Categorical) { Categories = ["retail", "wholesale", "online"] },
        new ColumnMetadata("churned", ColumnType.Boolean),
        new ColumnMetadata("name", ColumnType.Pii) { Pii = PiiKind.PersonName },
        new ColumnMetadata("phone", ColumnType.Pii) { Pii = PiiKind.Phone, Pattern = "(###) ###-####" },
        new ColumnMetadata("notes", ColumnType.Text),
    ], primaryKey: "id");

    private static void ShouldEqual(Metadata actual, Metadata expected)
    {
        actual.PrimaryKey.ShouldBe(expected.PrimaryKey);
        actual.Columns.ShouldBe(expected.Columns);
    }

    private static MetadataException Fails(string json) =>
        Should.Throw<MetadataException>(() => MetadataJson.Parse(json, "metadata.json"));

    [Fact]
    public void Written_metadata_reads_back_equal()
    {
        Metadata metadata = Full();
        ShouldEqual(MetadataJson.Parse(MetadataJson.ToJson(metadata), "test"), metadata);
    }

    [Fact]
    public void Declared_categories_are_compared_value_by_value_and_checked()
    {
        var segment = new ColumnMetadata("segment", ColumnType.Categorical) { Categories = ["a", "b"] };
        segment.ShouldBe(segment with { Categories = ["a", "b"] });
        segment.ShouldNotBe(segment with { Categories = ["b", "a"] });
        segment.ShouldNotBe(segment with { Categories = null });
        string problems = Fails("""
            { "formatVersion": 1, "columns": [
              { "name": "age", "type": "numerical", "categories": ["young"] },
              { "name": "segment", "type": "categorical", "categories": [] },
              { "name": "tier", "type": "categorical", "categories": ["gold", "silver", "gold"] },
              { "name": "flag", "type": "boolean", "categories": ["yes", 1] },
              { "name": "kind", "type": "categorical", "categories": "a,b" } ] }
            """).Message;
        problems.ShouldContain("Column 'age': \"categories\" applies only to categorical and boolean columns");
        problems.ShouldContain("Column 'segment': \"categories\" is empty");
        problems.ShouldContain("Column 'tier': \"categories\" lists \"gold\" more than once");
        problems.ShouldContain("Column 'flag': \"categories\" must be an array of strings");
        problems.ShouldContain("Column 'kind': \"categories\" must be an array of strings such as [\"red\", \"green\"], not the string \"a,b\"");
    }

    [Fact]
    public void Json_uses_camel_case_and_kebab_names_and_omits_absent_properties()
    {
        string json = MetadataJson.ToJson(Full());
        json.ShouldContain("\"formatVersion\": 1");
        json.ShouldContain("\"primaryKey\": \"id\"");
        json.ShouldContain("\"pii\": \"person-name\"");
        json.ShouldContain("\"distribution\": \"truncated-normal\"");
        json.ShouldContain("\"subtype\": \"integer\"");
        json.ShouldContain("\"minimum\": 17,");
        json.ShouldContain("\"maximum\": 10000000.25");
        json.ShouldContain("\"type\": \"datetime\"");
        json.ShouldNotContain("null");
        json.ShouldNotContain("Decimals", Case.Sensitive);
    }

    [Fact]
    public void The_documented_example_parses()
    {
        Metadata metadata = MetadataJson.Parse("""
            { "formatVersion": 1, "primaryKey": "id",
              "columns": [ { "name": "id", "type": "id" },
                           { "name": "age", "type": "numerical", "subtype": "integer", "decimals": 0, "minimum": 17, "maximum": 90 },
                           { "name": "joined", "type": "datetime", "format": "yyyy-MM-dd" },
                           { "name": "email", "type": "pii", "pii": "email", "pattern": null } ] }
            """, "metadata.json");
        metadata.PrimaryKey.ShouldBe("id");
        metadata["age"].ShouldBe(new ColumnMetadata("age", ColumnType.Numerical) { Subtype = NumericalSubtype.Integer, Decimals = 0, Minimum = 17, Maximum = 90 });
        metadata["joined"].DateTimeFormat.ShouldBe("yyyy-MM-dd");
        metadata["email"].Pii.ShouldBe(PiiKind.Email);
        metadata["email"].Pattern.ShouldBeNull();
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted_in_hand_edited_files()
    {
        Metadata metadata = MetadataJson.Parse("""
            {
              // edited by hand
              "formatVersion": 1,
              "columns": [ { "name": "city", "type": "categorical", }, ],
            }
            """, "metadata.json");
        metadata.Columns.Single().Type.ShouldBe(ColumnType.Categorical);
    }

    [Fact]
    public void Text_that_is_not_json_reports_line_and_position()
    {
        var error = Fails("{\n  \"formatVersion\": 1,\n  \"columns\": [ { \"name\": \"a\" \"type\": \"id\" } ]\n}");
        error.Problems.Single().ShouldContain("metadata.json is not valid JSON: line 3");
        error.Problems.Single().ShouldContain("position");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_naming_its_column_and_what_is_allowed()
    {
        var error = Fails("""
            { "formatVersion": 1, "primaryKey": "key",
              "columns": [
                { "name": "age", "type": "numeric" },
                { "name": "income", "type": "numerical", "subtype": "double", "minimum": 10, "maximum": 5, "decimals": -1, "pii": "email" },
                { "name": "city", "type": "categorical", "format": "yyyy" },
                { "type": "text" },
                { "name": "city", "type": "text", "colour": "red" },
                { "name": "joined", "type": "datetime", "format": "yyyy-MM-dd HH:mm:ss.fffffffff" },
                { "name": "when", "type": "datetime" },
                { "name": "email", "type": "pii", "pii": "e-mail" },
                { "name": "size", "type": "numerical", "distribution": "gaussian" }
              ] }
            """);
        string[] p = [.. error.Problems];
        p.ShouldAllBe(problem => problem.StartsWith("metadata.json: "));
        p.ShouldContain(x => x.Contains("Column 'age'") && x.Contains("\"numeric\"") && x.Contains("numerical, categorical, boolean, datetime, id, pii, text") && x.Contains("Did you mean \"numerical\"?"));
        p.ShouldContain(x => x.Contains("Column 'income'") && x.Contains("\"double\"") && x.Contains("integer, float"));
        p.ShouldContain(x => x.Contains("Column 'income'") && x.Contains("\"minimum\" 10 is greater than \"maximum\" 5"));
        p.ShouldContain(x => x.Contains("Column 'income'") && x.Contains("\"decimals\" is -1"));
        p.ShouldContain(x => x.Contains("Column 'income'") && x.Contains("\"pii\" applies only to pii columns, not numerical"));
        p.ShouldContain(x => x.Contains("Column 'city'") && x.Contains("\"format\" applies only to datetime columns, not categorical"));
        p.ShouldContain(x => x.Contains("Column #4 has no \"name\""));
        p.ShouldContain(x => x.Contains("Column 'city' appears 2 times"));
        p.ShouldContain(x => x.Contains("Column 'city'") && x.Contains("unknown property \"colour\"") && x.Contains("Known properties: name, type"));
        p.ShouldContain(x => x.Contains("Column 'joined'") && x.Contains("yyyy-MM-dd HH:mm:ss.fffffffff"));
        p.ShouldContain(x => x.Contains("Column 'when'") && x.Contains("needs \"format\""));
        p.ShouldContain(x => x.Contains("Column 'email'") && x.Contains("\"e-mail\"") && x.Contains("person-name") && x.Contains("Did you mean \"email\"?"));
        p.ShouldContain(x => x.Contains("Column 'size'") && x.Contains("\"gaussian\"") && x.Contains("truncated-normal"));
        p.ShouldContain(x => x.Contains("\"primaryKey\" 'key' names no column"));
        p.Length.ShouldBe(14);
        error.Message.ShouldStartWith("Invalid metadata (14 problems):");
    }

    [Fact]
    public void A_newer_format_version_says_which_version_this_library_reads()
    {
        var error = Fails("""{ "formatVersion": 2, "columns": [ { "name": "a", "type": "future-type" } ] }""");
        error.Problems.Single().ShouldContain("\"formatVersion\" 2");
        error.Problems.Single().ShouldContain("reads format version 1");
    }

    [Fact]
    public void Missing_format_version_and_columns_are_both_reported()
    {
        var error = Fails("""{ "primaryKey": null, "colums": [] }""");
        error.Problems.ShouldContain(x => x.Contains("\"formatVersion\" is missing; add \"formatVersion\": 1"));
        error.Problems.ShouldContain(x => x.Contains("\"columns\" is missing"));
        error.Problems.ShouldContain(x => x.Contains("unknown property \"colums\"") && x.Contains("Did you mean \"columns\"?"));
    }

    [Fact]
    public void A_property_typo_suggests_the_known_name()
    {
        var error = Fails("""{ "formatVersion": 1, "columns": [ { "name": "age", "type": "numerical", "minimun": 3 } ] }""");
        error.Problems.Single().ShouldBe("metadata.json: Column 'age': unknown property \"minimun\". Did you mean \"minimum\"? Known properties: name, type, subtype, decimals, minimum, maximum, format, pii, pattern, distribution, categories.");
    }

    [Fact]
    public void A_pii_pattern_that_cannot_hold_the_number_is_reported()
    {
        var error = Fails("""{ "formatVersion": 1, "columns": [ { "name": "ssn", "type": "pii", "pii": "ssn", "pattern": "###-##-###" } ] }""");
        error.Problems.Single().ShouldBe("metadata.json: Column 'ssn': \"pattern\": an SSN pattern needs exactly 9 '#' digits, but \"###-##-###\" has 8; use e.g. \"###-##-####\" or \"#########\".");
    }

    [Fact]
    public void A_primary_key_must_be_an_id_column()
    {
        var error = Fails("""{ "formatVersion": 1, "primaryKey": "age", "columns": [ { "name": "age", "type": "numerical" } ] }""");
        error.Problems.Single().ShouldContain("\"primaryKey\" 'age' is a numerical column; a primary key must have \"type\": \"id\"");
    }

    [Fact]
    public void Wrong_json_value_kinds_are_named()
    {
        var error = Fails("""{ "formatVersion": "1", "columns": [ { "name": "age", "type": "numerical", "decimals": 1.5, "minimum": "0" } ] }""");
        error.Problems.ShouldContain(x => x.Contains("\"formatVersion\" must be the number 1, not the string \"1\""));
        error.Problems.ShouldContain(x => x.Contains("\"decimals\" must be a whole number") && x.Contains("the number 1.5"));
        error.Problems.ShouldContain(x => x.Contains("\"minimum\" must be a number, not the string \"0\""));
    }

    [Fact]
    public void Invalid_metadata_is_not_written()
    {
        var metadata = new Metadata([new ColumnMetadata("age", ColumnType.Numerical) { Minimum = 5, Maximum = 1 }]);
        Should.Throw<MetadataException>(() => MetadataJson.ToJson(metadata)).Message.ShouldContain("\"minimum\" 5 is greater than \"maximum\" 1");
    }

    [Fact]
    public void Save_refuses_to_replace_a_file_unless_asked_and_leaves_no_temporary_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), "doppel-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(folder, "metadata.json");
            MetadataJson.Save(Full(), path);
            ShouldEqual(MetadataJson.Load(path), Full());

            var smaller = new Metadata([new ColumnMetadata("city", ColumnType.Categorical)]);
            Should.Throw<UsageException>(() => MetadataJson.Save(smaller, path)).Message.ShouldContain("already exists");
            MetadataJson.Load(path).Columns.Count.ShouldBe(Full().Columns.Count);

            MetadataJson.Save(smaller, path, overwrite: true);
            ShouldEqual(MetadataJson.Load(path), smaller);
            Directory.GetFiles(folder).Select(Path.GetFileName).ShouldBe(["metadata.json"]);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Loading_a_missing_file_says_it_does_not_exist()
    {
        string path = Path.Combine(Path.GetTempPath(), "doppel-tests", Guid.NewGuid().ToString("N"), "metadata.json");
        Should.Throw<MetadataException>(() => MetadataJson.Load(path)).Message.ShouldContain("does not exist");
    }

    [Fact]
    public void Checking_against_data_suggests_close_names_and_lists_unexpected_data_columns()
    {
        var metadata = new Metadata(
        [
            new ColumnMetadata("age", ColumnType.Numerical),
            new ColumnMetadata("cty", ColumnType.Categorical),
            new ColumnMetadata("salary", ColumnType.Numerical),
        ]);
        var error = Should.Throw<MetadataException>(() => MetadataValidator.CheckAgainst(metadata, ["age", "city", "income"], "people.csv"));
        error.Problems.ShouldBe(
        [
            "Column 'cty' is in the metadata but not in people.csv. Did you mean 'city'? Rename it in the metadata to match the data.",
            "Column 'salary' is in the metadata but not in people.csv; its columns are 'age', 'city', 'income'. Remove it from the metadata or rename it to a data column.",
            "Column 'city' of people.csv is not in the metadata. Add it to the metadata (with its type) or remove it from the data.",
            "Column 'income' of people.csv is not in the metadata. Add it to the metadata (with its type) or remove it from the data.",
        ]);
        Should.NotThrow(() => MetadataValidator.CheckAgainst(metadata with { Columns = [metadata.Columns[0]] }, ["age"], "people.csv"));
    }

    [Theory]
    [InlineData("age", "Age", 0)]
    [InlineData("minimun", "minimum", 1)]
    [InlineData("ca", "ac", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected) =>
        MetadataValidator.EditDistance(a.ToLowerInvariant(), b.ToLowerInvariant()).ShouldBe(expected);
}
