using Doppel.Data;
using Doppel.Generation;
using Doppel.IO;
using Doppel.Privacy;

namespace Doppel.Tests.Generation;

public class GenerationTests
{
    private const string Shop = """
        tables:
          customers:
            rows: 400
            columns:
              id: sequence
              first_name: first_name
              last_name: last_name
              email: { type: email, unique: true }
              country: { type: categorical, values: { US: 3, DE: 1 } }
              vat: { type: pattern, pattern: "DE#########", when: "country == 'DE'", else: "'n/a'" }
          orders:
            columns:
              id: uuid
              customer_id: { type: reference, table: customers, children: { type: poisson, mean: 3 } }
              price: { type: uniform, min: 1, max: 100 }
              discount: { type: uniform, min: 0, max: "price * 0.3" }
          items:
            columns:
              order_id: { type: reference, table: orders, children: { type: uniform, min: 1, max: 3 } }
              sku: { type: regex, regex: "[A-Z]{2}\\d{3}" }
              any_customer: { type: reference, table: customers }
        """;

    private static GenerationPlan Plan(string yaml, long seed = 7, int threads = 2, long? rows = null, string? locale = null) =>
        GenerationSchema.Parse(yaml).Compile(new GenerationOptions { Seed = seed, MaxThreads = threads, Rows = rows, Locale = locale });

    private static string?[] Strings(Table table, GeneratedTable meta, string column) =>
        ValueFormatter.FormatColumn(table[column], meta.Metadata[column]);

    [Fact]
    public void Foreign_keys_hold_on_three_levels_and_child_counts_follow_the_parents()
    {
        GenerationPlan plan = Plan(Shop);
        Table customers = plan.Generate("customers"), orders = plan.Generate("orders"), items = plan.Generate("items");
        var customerIds = Strings(customers, plan["customers"], "id").ToHashSet();
        var orderIds = Strings(orders, plan["orders"], "id").ToHashSet();
        Strings(orders, plan["orders"], "customer_id").ShouldAllBe(id => customerIds.Contains(id));
        Strings(items, plan["items"], "order_id").ShouldAllBe(id => orderIds.Contains(id));
        Strings(items, plan["items"], "any_customer").ShouldAllBe(id => customerIds.Contains(id));
        // Children of one parent are contiguous, and each order has 1 to 3 items.
        var perOrder = Strings(items, plan["items"], "order_id").GroupBy(id => id).Select(g => g.Count()).ToList();
        perOrder.ShouldAllBe(n => n >= 1 && n <= 3);
        perOrder.Count.ShouldBe(orderIds.Count);
        // Poisson(3) children per customer: about 3 × 400 orders.
        plan["orders"].Rows.ShouldBeInRange(1050, 1350);
        plan.Tables.Select(t => t.Name).ShouldBe(["customers", "orders", "items"]);
    }

    [Fact]
    public void Keys_and_unique_columns_are_distinct_by_construction()
    {
        GenerationPlan plan = Plan("""
            tables:
              t:
                rows: 20000
                columns:
                  id: { type: sequence, start: 100, step: 5 }
                  uid: uuid
                  code: { type: uniform, min: 1, max: 20000, integer: true, unique: true }
                  ticket: { type: pattern, pattern: "AA-###", unique: true }
                  first_name: first_name
                  last_name: last_name
                  login: { type: username, unique: true }
            """);
        Table t = plan.Generate("t");
        foreach (string column in new[] { "id", "uid", "code", "ticket", "login" })
            Strings(t, plan["t"], column).Distinct().Count().ShouldBe(20000, column);
        // All 20,000 codes of [1, 20000] used once: a permutation, not sorted.
        var codes = ((NumericColumn)t["code"]).Values;
        codes.Min().ShouldBe(1);
        codes.Max().ShouldBe(20000);
        codes.Take(5).ShouldNotBe([1.0, 2, 3, 4, 5]);
        Strings(t, plan["t"], "uid").ShouldAllBe(u => System.Text.RegularExpressions.Regex.IsMatch(u!, "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        ((NumericColumn)t["id"]).Values[3].ShouldBe(115);
    }

    [Fact]
    public void Distributions_match_their_parameters_within_tolerance()
    {
        GenerationPlan plan = Plan("""
            tables:
              t:
                rows: 40000
                columns:
                  n: { type: normal, mean: 50, sd: 10, decimals: 4 }
                  bounded: { type: normal, mean: 0, sd: 1, min: -1, max: 2 }
                  e: { type: exponential, mean: 4, decimals: 4 }
                  p: { type: poisson, mean: 3 }
                  l: { type: lognormal, mu: 1, sigma: 0.5, decimals: 4 }
                  z: { type: zipf, n: 10, s: 1 }
                  c: { type: categorical, values: { a: 1, b: 3 } }
                  flag: { type: boolean, p: 0.2 }
            """);
        Table t = plan.Generate("t");
        double[] Values(string c) => ((NumericColumn)t[c]).Values;
        Values("n").Average().ShouldBe(50, 0.25);
        StandardDeviation(Values("n")).ShouldBe(10, 0.2);
        Values("bounded").ShouldAllBe(v => v >= -1 && v <= 2);
        Values("e").Average().ShouldBe(4, 0.1);
        Values("p").Average().ShouldBe(3, 0.05);
        Values("p").ShouldAllBe(v => v == Math.Floor(v) && v >= 0);
        // Lognormal mean is exp(mu + sigma²/2) = e^1.125 = 3.0802.
        Values("l").Average().ShouldBe(3.0802, 0.04);
        // Zipf(10, 1): P(1) = 1 / H(10) = 0.3414.
        (Values("z").Count(v => v == 1) / 40000.0).ShouldBe(0.3414, 0.01);
        Values("z").ShouldAllBe(v => v >= 1 && v <= 10);
        var c = (CategoricalColumn)t["c"];
        (c.Codes.Count(code => c.Categories[code] == "b") / 40000.0).ShouldBe(0.75, 0.01);
        var flag = (CategoricalColumn)t["flag"];
        (flag.Codes.Count(code => flag.Categories[code] == "true") / 40000.0).ShouldBe(0.2, 0.01);
    }

    [Fact]
    public void Dates_follow_weekday_and_month_weights_and_stay_in_range()
    {
        GenerationPlan plan = Plan("""
            tables:
              t:
                rows: 30000
                columns:
                  day: { type: date, min: 2024-01-01, max: 2024-12-31, weekdays: { sat: 0, sun: 0 }, months: { dec: 3 } }
                  at: { type: datetime, min: 2024-01-01T08:00:00, max: 2024-01-01T09:00:00 }
            """);
        Table t = plan.Generate("t");
        var days = ((DateTimeColumn)t["day"]).Ticks.Select(x => new DateTime(x)).ToList();
        days.ShouldAllBe(d => d.DayOfWeek != DayOfWeek.Saturday && d.DayOfWeek != DayOfWeek.Sunday && d.Year == 2024 && d.TimeOfDay == TimeSpan.Zero);
        // December has 22 weekdays of 262 in 2024, weighted 3: 66 / (262 + 44) = 0.2157.
        (days.Count(d => d.Month == 12) / 30000.0).ShouldBe(0.2157, 0.012);
        ((DateTimeColumn)t["at"]).Ticks.ShouldAllBe(x => x >= new DateTime(2024, 1, 1, 8, 0, 0).Ticks && x <= new DateTime(2024, 1, 1, 9, 0, 0).Ticks && x % TimeSpan.TicksPerSecond == 0);
    }

    [Fact]
    public void Expressions_conditions_null_rates_and_inequalities_hold_per_row()
    {
        GenerationPlan plan = Plan("""
            tables:
              t:
                rows: 5000
                columns:
                  price: { type: uniform, min: 1, max: 50, decimals: 2 }
                  quantity: { type: poisson, mean: 2, min: 1 }
                  total: { expression: price * quantity, decimals: 2 }
                  discount: { type: uniform, min: 0, max: "total * 0.1" }
                  born: { type: date, min: 1960-01-01, max: 2000-12-31 }
                  joined: { type: date, min: "born + 18 * 365", max: 2024-12-31 }
                  country: { type: categorical, values: [DE, FR] }
                  vat: { type: pattern, pattern: "DE###", when: "country == 'DE'" }
                  note: { type: lorem, words: 3, null_rate: 0.25 }
                  big: total > 50
            """);
        Table t = plan.Generate("t");
        double[] price = ((NumericColumn)t["price"]).Values, quantity = ((NumericColumn)t["quantity"]).Values;
        double[] total = ((NumericColumn)t["total"]).Values, discount = ((NumericColumn)t["discount"]).Values;
        long[] born = ((DateTimeColumn)t["born"]).Ticks, joined = ((DateTimeColumn)t["joined"]).Ticks;
        var country = (CategoricalColumn)t["country"];
        string?[] vat = ((TextColumn)t["vat"]).Values;
        var big = (CategoricalColumn)t["big"];
        for (int i = 0; i < t.RowCount; i++)
        {
            quantity[i].ShouldBeGreaterThanOrEqualTo(1);
            total[i].ShouldBe(Math.Round(price[i] * quantity[i], 2));
            discount[i].ShouldBeInRange(0, total[i] * 0.1);
            (joined[i] - born[i]).ShouldBeGreaterThanOrEqualTo(18 * 365 * TimeSpan.TicksPerDay);
            if (country[i] == "DE") vat[i]!.ShouldMatch("^DE\\d{3}$");
            else vat[i].ShouldBeNull();
            big[i].ShouldBe(total[i] > 50 ? "true" : "false");
        }
        (t["note"].MissingCount() / 5000.0).ShouldBe(0.25, 0.025);
    }

    [Fact]
    public void Copula_columns_get_the_requested_correlation()
    {
        GenerationPlan plan = Plan("""
            tables:
              t:
                rows: 20000
                columns:
                  a: { type: normal, mean: 0, sd: 1, decimals: 6 }
                  b: { type: normal, mean: 100, sd: 5, decimals: 6 }
                  c: { type: uniform, min: 0, max: 1, decimals: 6 }
                correlations:
                  - columns: [a, b, c]
                    matrix: [[1, 0.7, -0.3], [0.7, 1, 0], [-0.3, 0, 1]]
            """);
        Table t = plan.Generate("t");
        double[] a = ((NumericColumn)t["a"]).Values, b = ((NumericColumn)t["b"]).Values, c = ((NumericColumn)t["c"]).Values;
        Pearson(a, b).ShouldBe(0.7, 0.02);
        Pearson(b, c).ShouldBe(0, 0.03);
        // Normal to uniform through Φ: Pearson r_u = (6/π)·asin(r/2) = -0.287 for r = -0.3.
        Pearson(a, c).ShouldBe(-0.287, 0.02);
        b.Average().ShouldBe(100, 0.1);
        c.ShouldAllBe(v => v >= 0 && v <= 1);
    }

    [Fact]
    public void Output_does_not_depend_on_threads_and_shards_add_up_to_the_whole_run()
    {
        using var folder = new TempFolder();
        GenerationPlan one = Plan(Shop, rows: 3000, threads: 1), two = Plan(Shop, rows: 3000, threads: 2);
        byte[] Write(GenerationPlan plan, string table, string file, Doppel.Synthesizers.Sampling.Shard? shard = null)
        {
            string path = folder.File(file);
            using (var sink = new FileTableSink(path, plan[table].Metadata))
            {
                plan.Write(table, sink, shard);
                sink.Commit();
            }
            return File.ReadAllBytes(path);
        }
        foreach (string table in new[] { "customers", "orders", "items" })
        {
            byte[] whole = Write(one, table, table + "-1.csv");
            Write(two, table, table + "-2.csv").ShouldBe(whole, table);
            var parts = Enumerable.Range(0, 3).Select(i => Write(two, table, $"{table}-part{i}.csv", new(i, 3))).ToList();
            string header = File.ReadLines(folder.File(table + "-1.csv")).First();
            var joined = new List<string> { header };
            foreach (int i in Enumerable.Range(0, 3)) joined.AddRange(File.ReadLines(folder.File($"{table}-part{i}.csv")).Skip(1));
            joined.ShouldBe(File.ReadLines(folder.File(table + "-1.csv")).ToList(), table);
        }
        // The items span three blocks of 8,192 rows, so each of the three shards holds one.
        one["items"].Rows.ShouldBeGreaterThan(2 * 8192);
    }

    [Fact]
    public void Adding_a_column_changes_no_other_column_and_another_seed_changes_values()
    {
        const string before = "tables:\n  t:\n    rows: 3000\n    columns:\n      a: { type: normal, mean: 0, sd: 1 }\n      name: full_name\n";
        const string after = "tables:\n  t:\n    rows: 3000\n    columns:\n      extra: { type: poisson, mean: 4 }\n      a: { type: normal, mean: 0, sd: 1 }\n      city: city\n      name: full_name\n";
        Table x = Plan(before).Generate("t"), y = Plan(after).Generate("t"), z = Plan(before, seed: 8).Generate("t");
        ((NumericColumn)y["a"]).Values.ShouldBe(((NumericColumn)x["a"]).Values);
        ((TextColumn)y["name"]).Values.ShouldBe(((TextColumn)x["name"]).Values);
        ((NumericColumn)z["a"]).Values.ShouldNotBe(((NumericColumn)x["a"]).Values);
    }

    [Fact]
    public void Locales_give_their_own_names_and_emails_follow_the_row_name()
    {
        const string yaml = "tables:\n  t:\n    rows: 500\n    columns:\n      first_name: first_name\n      last_name: last_name\n      email: email\n      city: { type: city, locale: fr }\n";
        Table german = Plan(yaml, locale: "de").Generate("t");
        Table english = Plan(yaml, locale: "en").Generate("t");
        var germanFirst = LocaleData.Get("de").FirstNames.ToHashSet();
        var englishFirst = LocaleData.Get("en").FirstNames.ToHashSet();
        ((TextColumn)german["first_name"]).Values.ShouldAllBe(n => germanFirst.Contains(n!));
        ((TextColumn)english["first_name"]).Values.ShouldAllBe(n => englishFirst.Contains(n!));
        ((TextColumn)german["first_name"]).Values.Count(n => !englishFirst.Contains(n!)).ShouldBeGreaterThan(200);
        var first = ((TextColumn)german["first_name"]).Values;
        var last = ((TextColumn)german["last_name"]).Values;
        var email = ((TextColumn)german["email"]).Values;
        for (int i = 0; i < 500; i++)
        {
            string local = email[i]!.Split('@')[0];
            local.ShouldContain(LocaleData.Fold(last[i]!));
            local.ShouldStartWith(LocaleData.Fold(first[i]!)[..1]);
            email[i]!.ShouldMatch("^[a-z0-9._]+@example\\.(com|org|net)$");
        }
    }

    [Fact]
    public void Fake_values_with_check_digits_are_valid()
    {
        Table t = Plan("tables:\n  t:\n    rows: 300\n    columns:\n      card: credit_card\n      iban: { type: iban, locale: de }\n      company: company\n      job: job_title\n      ip: ipv4\n").Generate("t");
        ((TextColumn)t["card"]).Values.ShouldAllBe(v => Checksums.IsLuhnValid(v!));
        ((TextColumn)t["iban"]).Values.ShouldAllBe(v => Checksums.IsIbanValid(v!) && v!.StartsWith("DE"));
        ((TextColumn)t["company"]).Values.ShouldAllBe(v => !string.IsNullOrWhiteSpace(v) && !v!.Contains('#'));
        ((TextColumn)t["job"]).Values.ShouldAllBe(v => v!.Split(' ').Length >= 3);
        ((TextColumn)t["ip"]).Values.All(v => System.Net.IPAddress.TryParse(v, out System.Net.IPAddress? _)).ShouldBeTrue();
    }

    [Fact]
    public void Files_read_back_give_the_generated_values()
    {
        using var folder = new TempFolder();
        GenerationPlan plan = Plan(Shop);
        foreach (string extension in new[] { ".csv", ".jsonl" })
        {
            string path = folder.File("customers" + extension);
            GeneratedTable meta = plan["customers"];
            using (var sink = new FileTableSink(path, meta.Metadata))
            {
                plan.Write("customers", sink);
                sink.Commit();
            }
            RawTable raw = extension == ".csv" ? CsvTableReader.Read(path) : JsonLinesReader.Read(path);
            Table expected = plan.Generate("customers");
            raw.RowCount.ShouldBe(400);
            foreach (ColumnMetadata column in meta.Metadata.Columns)
                raw.Columns[raw.IndexOf(column.Name)].ShouldBe(ValueFormatter.FormatColumn(expected[column.Name], column), column.Name + extension);
        }
    }

    [Fact]
    public void The_fluent_api_builds_the_same_plan_as_yaml()
    {
        GenerationSchema built = new SchemaBuilder()
            .Table("people", 2000, t => t
                .Column("id", Generators.Sequence())
                .Column("age", Generators.Normal(40, 12).Between(18, 90).Decimals(0))
                .Column("country", Generators.Categorical(("DE", 1), ("FR", 1)))
                .Column("vat", Generators.Pattern("DE#####").When("country == 'DE'"))
                .Column("score", Generators.Uniform(0, 1).NullRate(0.1)))
            .Table("visits", null, t => t
                .Column("person", Generators.ReferencePerParent("people", Generators.Poisson(2)))
                .Column("at", Generators.DateTime("2024-01-01", "2024-06-30")))
            .Build();
        const string yaml = """
            tables:
              people:
                rows: 2000
                columns:
                  id: { type: sequence, start: 1, step: 1 }
                  age: { type: normal, mean: 40, sd: 12, min: 18, max: 90, decimals: 0 }
                  country: { type: categorical, values: { DE: 1, FR: 1 } }
                  vat: { type: pattern, pattern: "DE#####", when: "country == 'DE'" }
                  score: { type: uniform, min: 0, max: 1, null_rate: 0.1 }
              visits:
                columns:
                  person: { type: reference, table: people, children: { type: poisson, mean: 2 } }
                  at: { type: datetime, min: 2024-01-01, max: 2024-06-30 }
            """;
        var options = new GenerationOptions { Seed = 5 };
        GenerationPlan a = built.Compile(options), b = GenerationSchema.Parse(yaml).Compile(options);
        foreach (string table in new[] { "people", "visits" })
        {
            Table x = a.Generate(table), y = b.Generate(table);
            foreach (ColumnMetadata column in a[table].Metadata.Columns)
                ValueFormatter.FormatColumn(x[column.Name], column).ShouldBe(ValueFormatter.FormatColumn(y[column.Name], column), column.Name);
        }
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
