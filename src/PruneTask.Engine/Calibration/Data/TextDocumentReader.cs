using System.Text;
using System.Text.Json;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// Reads text documents: a <c>.txt</c> file is one document (the whole file); a <c>.jsonl</c> file has one JSON object
/// per line whose string field <c>textField</c> is a document (blank lines are skipped). Files must be valid UTF-8;
/// a leading byte-order mark is ignored.
/// </summary>
internal static class TextDocumentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static IReadOnlyList<string> Read(string path, byte[] bytes, string textField)
    {
        var text = Decode(path, bytes);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".txt" => [text],
            ".jsonl" => ReadJsonLines(path, text, textField),
            var other => throw new ArgumentException($"{other} is not a text file extension.", nameof(path)),
        };
    }

    private static string Decode(string path, byte[] bytes)
    {
        var start = bytes.AsSpan().StartsWith(Utf8ByteOrderMark) ? Utf8ByteOrderMark.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            throw new CalibrationDataException(path, $"is not valid UTF-8 text ({e.Message}).", e);
        }
    }

    private static List<string> ReadJsonLines(string path, string text, string textField)
    {
        var documents = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!string.IsNullOrWhiteSpace(line))
            {
                documents.Add(ReadDocument(path, i + 1, line, textField));
            }
        }

        return documents.Count > 0
            ? documents
            : throw new CalibrationDataException(path, "holds no JSON lines.");
    }

    private static string ReadDocument(string path, int lineNumber, string line, string textField)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new CalibrationDataException(path, $"line {lineNumber} is not valid JSON: {e.Message}", e);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CalibrationDataException(path, $"line {lineNumber} is not a JSON object.");
            }

            return json.RootElement.TryGetProperty(textField, out var field) && field.ValueKind == JsonValueKind.String
                ? field.GetString()!
                : throw new CalibrationDataException(path, $"line {lineNumber} has no string field \"{textField}\".");
        }
    }
}
