using System.Text.Json;
using Doppel.Data;
using Doppel.IO;

namespace Doppel.Evaluation.Reports;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as <c>report.json</c>: summary scores, what was compared, then every metric
/// with its breakdown. Deterministic (same report, same bytes; timings only when asked for) and free of NaN: a value
/// that could not be computed is null.
/// </summary>
public static class ReportJson
{
    /// <summary>The version of the report.json layout.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes the report to a stream; <paramref name="includeTimings"/> adds elapsed times, which differ between runs.</summary>
    public static void Write(EvaluationReport report, Stream stream, bool includeTimings = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("formatVersion", FormatVersion);
        WriteSummary(writer, report);
        WriteInputs(writer, report.Inputs);
        writer.WriteStartArray("metrics");
        foreach (MetricResult result in report.Results) WriteMetric(writer, result);
        writer.WriteEndArray();
        if (includeTimings)
        {
            writer.WriteStartObject("timingsMs");
            writer.WriteNumber("total", Math.Round(report.Elapsed.TotalMilliseconds, 1));
            foreach (GroupSummary group in report.Groups) writer.WriteNumber(group.Group, Math.Round(group.Elapsed.TotalMilliseconds, 1));
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes the report to a file atomically (complete or not at all); refuses to replace a file unless <paramref name="overwrite"/>.</summary>
    public static void Save(EvaluationReport report, string path, bool overwrite, bool includeTimings = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        using AtomicFileWriter file = AtomicFileWriter.Create(path, overwrite);
        Write(report, file.Stream, includeTimings);
        file.Commit();
    }

    /// <summary>The report as a string (for tests and for callers that embed it).</summary>
    public static string ToJson(EvaluationReport report, bool includeTimings = false)
    {
        using var stream = new MemoryStream();
        Write(report, stream, includeTimings);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteSummary(Utf8JsonWriter writer, EvaluationReport report)
    {
        writer.WriteStartObject("summary");
        WriteNumberOrNull(writer, "qualityScore", report.QualityScore);
        writer.WriteStartArray("groups");
        foreach (GroupSummary group in report.Groups)
        {
            writer.WriteStartObject();
            writer.WriteString("group", group.Group);
            WriteNumberOrNull(writer, "score", group.Score);
            writer.WriteString("basis", group.Basis);
            writer.WriteNumber("metrics", group.Metrics);
            writer.WriteNumber("skipped", group.Skipped);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteInputs(Utf8JsonWriter writer, EvaluationInputs inputs)
    {
        writer.WriteStartObject("inputs");
        writer.WriteNumber("realRows", inputs.Real.RowCount);
        writer.WriteNumber("syntheticRows", inputs.Synthetic.RowCount);
        if (inputs.Holdout is { } holdout) writer.WriteNumber("holdoutRows", holdout.RowCount);
        else writer.WriteNull("holdoutRows");
        WriteStringOrNull(writer, "target", inputs.Target);
        WriteStrings(writer, "sensitive", inputs.Sensitive);
        WriteStrings(writer, "quasiIdentifiers", inputs.QuasiIdentifiers);
        writer.WriteNumber("seed", inputs.Seed);
        WriteStringOrNull(writer, "primaryKey", inputs.Metadata.PrimaryKey);
        if (inputs.Model is { } model)
        {
            writer.WriteStartObject("model");
            writer.WriteString("synthesizer", model.Synthesizer);
            writer.WriteString("sourceName", model.SourceName);
            WriteStringOrNull(writer, "sourceSha256", model.SourceSha256);
            writer.WriteBoolean("differentialPrivacy", model.Privacy is not null);
            writer.WritePropertyName("privacy");
            if (model.Privacy is { } spent) spent.Write(writer);
            else writer.WriteNullValue();
            writer.WriteEndObject();
        }
        else writer.WriteNull("model");
        writer.WriteStartArray("columns");
        foreach (ColumnMetadata column in inputs.Metadata.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Type.ToString().ToLowerInvariant());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter writer, MetricResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("group", result.Group);
        writer.WriteString("name", result.Name);
        WriteNumberOrNull(writer, "score", result.Score);
        WriteNumberOrNull(writer, "raw", result.Raw);
        writer.WriteString("status", result.Status.ToString().ToLowerInvariant());
        WriteStringOrNull(writer, "reason", result.Reason);
        writer.WriteString("meaning", result.Meaning);
        writer.WriteStartArray("breakdown");
        foreach (MetricPart part in result.Breakdown)
        {
            writer.WriteStartObject();
            writer.WriteString("item", part.Item);
            WriteNumberOrNull(writer, "score", part.Score);
            WriteNumberOrNull(writer, "raw", part.Raw);
            WriteStringOrNull(writer, "note", part.Note);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        // A non-finite number has no JSON form; it would be a bug upstream, and null keeps the file valid.
        if (value is { } number && double.IsFinite(number)) writer.WriteNumber(name, number);
        else writer.WriteNull(name);
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
