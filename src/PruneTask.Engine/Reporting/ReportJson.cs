using System.Text.Json;
using System.Text.Json.Serialization;

namespace PruneTask.Engine.Reporting;

/// <summary>The JSON settings of report.json and prune.lock.json: snake_case, indented, stable key order.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";
}
