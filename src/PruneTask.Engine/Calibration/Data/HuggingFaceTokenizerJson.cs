using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// Reads a Hugging Face <c>tokenizer.json</c> whose model is byte-level BPE: <c>model.type</c> "BPE", a
/// <c>ByteLevel</c> pre-tokenizer (alone or in a <c>Sequence</c>), and optionally a <c>Split</c> pre-tokenizer with a
/// <c>Regex</c> pattern (Llama 3, Qwen 2), else GPT-2's pattern. Other tokenizer.json models are rejected.
/// </summary>
internal static class HuggingFaceTokenizerJson
{
    public static Tokenizer Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        var model = root.GetProperty("model");
        var type = model.TryGetProperty("type", out var t) ? t.GetString() : null;
        var preTokenizers = Flatten(root.TryGetProperty("pre_tokenizer", out var p) ? p : default).ToList();
        if (type != "BPE" || !preTokenizers.Any(x => TypeOf(x) == "ByteLevel"))
        {
            throw new CalibrationDataException(path, $"only byte-level BPE tokenizer.json files are supported (this one is {type ?? "of unknown type"}{(type == "BPE" ? " without a ByteLevel pre-tokenizer" : string.Empty)}); provide tokenizer.model or vocab.json + merges.txt, or pre-tokenized ids (.npy).");
        }

        var vocabulary = model.GetProperty("vocab").EnumerateObject().Select(v => KeyValuePair.Create(v.Name, v.Value.GetInt32())).ToList();
        var merges = model.GetProperty("merges").EnumerateArray().Select(ReadMerge).ToList();
        var split = preTokenizers.FirstOrDefault(x => TypeOf(x) == "Split");
        var pattern = split.ValueKind == JsonValueKind.Object
            && split.TryGetProperty("pattern", out var pat)
            && pat.TryGetProperty("Regex", out var regex)
                ? regex.GetString()!
                : ByteLevelBpe.Gpt2Pattern;
        return ByteLevelBpe.Create(path, vocabulary, merges, pattern);
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return TypeOf(element) == "Sequence" && element.TryGetProperty("pretokenizers", out var list)
            ? list.EnumerateArray().SelectMany(Flatten).ToList()
            : [element];
    }

    private static string? TypeOf(JsonElement element) =>
        element.TryGetProperty("type", out var type) ? type.GetString() : null;

    private static string ReadMerge(JsonElement merge) =>
        merge.ValueKind == JsonValueKind.Array
            ? string.Join(' ', merge.EnumerateArray().Select(part => part.GetString()))
            : merge.GetString()!;
}
