using Doppel.Generation;

namespace Doppel.Tests.Generation;

public class SchemaValidationTests
{
    private static IReadOnlyList<string> Problems(string yaml) => GenerationSchema.Parse(yaml).Validate(new GenerationOptions { MaxThreads = 1 });

    [Fact]
    public void Unknown_generator_is_reported_with_its_path_and_the_available_ones()
    {
        var problems = Problems("tables:\n  people:\n    rows: 10\n    columns:\n      name: { type: fullname }\n");
        problems.Count.ShouldBe(1);
        problems[0].ShouldStartWith("tables.people.columns.name: unknown generator 'fullname'; available:");
        problems[0].ShouldContain("full_name");
    }

    [Fact]
    public void Expression_naming_an_unknown_column_is_reported_at_the_column()
    {
        var problems = Problems("""
            tables:
              orders:
                rows: 10
                columns:
                  price: { type: uniform, min: 1, max: 9 }
                  quantity: { type: poisson, mean: 2 }
                  total: price * qty
            """);
        problems.ShouldBe(["tables.orders.columns.total: unknown column 'qty' in expression"]);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var problems = Problems("""
            tables:
              a:
                rows: 10
                columns:
                  x: { type: normal, mean: 0 }
                  y: { type: categorical, values: { u: -1 } }
                  z: "x +"
                  w: { type: sequence, strat: 3 }
            """);
        problems.ShouldContain("tables.a.columns.x: 'sd' is required");
        problems.ShouldContain(p => p.StartsWith("tables.a.columns.y.values: the weight of 'u'"));
        problems.ShouldContain(p => p.StartsWith("tables.a.columns.z: the expression ended"));
        problems.ShouldContain(p => p.StartsWith("tables.a.columns.w: unknown key 'strat' for a 'sequence' column; allowed:") && p.Contains("start"));
        problems.Count.ShouldBe(4, string.Join("\n", problems));
    }

    [Fact]
    public void Type_errors_in_expressions_are_reported()
    {
        var problems = Problems("""
            tables:
              a:
                rows: 10
                columns:
                  country: { type: categorical, values: [DE, FR] }
                  n: { type: poisson, mean: 2 }
                  bad: country * 2
                  cond: { type: poisson, mean: 1, when: "n + 1" }
                  fn: "nosuch(n)"
            """);
        problems.ShouldContain("tables.a.columns.bad: '*' needs a number but got text");
        problems.ShouldContain(p => p.StartsWith("tables.a.columns.cond.when: must be a condition"));
        problems.ShouldContain(p => p.StartsWith("tables.a.columns.fn: unknown function 'nosuch'"));
    }

    [Fact]
    public void Reference_to_a_missing_parent_table_is_reported()
    {
        var problems = Problems("""
            tables:
              orders:
                rows: 10
                columns:
                  customer_id: { type: reference, table: customer }
            """);
        problems.Count.ShouldBe(1);
        problems[0].ShouldBe("tables.orders.columns.customer_id: references table 'customer', which the schema does not declare; tables: orders");
    }

    [Fact]
    public void Cycle_of_foreign_keys_is_rejected_with_the_cycle_spelt_out()
    {
        var problems = Problems("""
            tables:
              a:
                rows: 5
                columns:
                  id: sequence
                  b_id: { type: reference, table: b }
              b:
                rows: 5
                columns:
                  id: sequence
                  a_id: { type: reference, table: a }
            """);
        problems.ShouldContain(p => p.StartsWith("tables.a: foreign keys form a cycle (a → b → a)"));
    }

    [Fact]
    public void Cycle_between_columns_is_rejected()
    {
        var problems = Problems("tables:\n  t:\n    rows: 5\n    columns:\n      x: y + 1\n      y: x * 2\n");
        problems.ShouldContain("tables.t.columns.x: columns depend on each other in a cycle (x → y → x)");
    }

    [Fact]
    public void Bad_correlation_matrix_and_unique_range_too_small_are_reported()
    {
        var problems = Problems("""
            tables:
              t:
                rows: 100
                columns:
                  a: { type: normal, mean: 0, sd: 1 }
                  b: { type: normal, mean: 0, sd: 1 }
                  c: { type: normal, mean: 0, sd: 1 }
                  code: { type: uniform, min: 1, max: 50, integer: true, unique: true }
                correlations:
                  - columns: [a, b, c]
                    matrix: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]
            """);
        problems.ShouldContain("tables.t.correlations[0].matrix: is not a valid correlation matrix (it must be positive definite: some correlations contradict each other)");
        problems.ShouldContain("tables.t.columns.code.unique: the range [1, 50] holds 50 whole numbers, fewer than the 100 rows; widen the range");
    }

    [Fact]
    public void Yaml_syntax_errors_name_the_line()
    {
        var error = Should.Throw<SchemaException>(() => GenerationSchema.Parse("tables:\n  a: [1, 2\n", "s.yaml"));
        error.Message.ShouldContain("s.yaml: line");
        error.ExitCode.ShouldBe(3);
    }

    [Fact]
    public void Json_schema_text_is_accepted()
    {
        var plan = GenerationSchema.Parse("""{ "tables": { "t": { "rows": 3, "columns": { "id": "sequence", "x": { "type": "uniform", "min": 0, "max": 1 } } } } }""").Compile();
        plan["t"].Rows.ShouldBe(3);
        plan.Generate("t")["id"].ShouldBeOfType<Doppel.Data.NumericColumn>().Values.ShouldBe([1.0, 2.0, 3.0]);
    }

    [Fact]
    public void The_example_schema_validates_and_generates()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "people.yaml");
        GenerationSchema schema = GenerationSchema.Load(path);
        schema.Validate().ShouldBeEmpty();
        GenerationPlan plan = schema.Compile(new GenerationOptions { Seed = 1, Rows = 300 });
        plan.Tables.Select(t => t.Name).ShouldBe(["customers", "orders", "order_items"]);
        foreach (GeneratedTable table in plan.Tables) plan.Generate(table.Name).RowCount.ShouldBe((int)table.Rows);
    }
}

public class EditorSchemaTests
{
    [Fact]
    public void The_json_schema_for_editors_lists_exactly_the_generator_types_the_library_knows()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "schema", "doppel-schema.json");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var types = document.RootElement.GetProperty("$defs").GetProperty("column").GetProperty("oneOf")[1]
            .GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        types.ShouldBe(SchemaCompiler.AllTypes.ToList(), ignoreOrder: true);
    }
}
