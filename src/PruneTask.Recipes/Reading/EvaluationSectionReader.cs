using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Reading;

/// <summary>Reads <c>evaluate</c>: perplexity on a dataset, on every window unless <c>samples</c> limits it, and the quality gate.</summary>
internal static class EvaluationSectionReader
{
    public const string AllSamples = "all";

    public static IReadOnlyCollection<string> Keys { get; } = ["dataset", "tokenizer", "text_field", "samples", "sequence_length", "max_perplexity_increase"];

    public static EvaluationSettings? Read(SectionReader root)
    {
        if (root.Section("evaluate", Keys) is not { } section)
        {
            return null;
        }

        var dataset = PathFields.ExistingDataset(section, "dataset");
        var tokenizer = section.Enum<TokenizerKind>("tokenizer")?.Value ?? TokenizerKind.Auto;
        var textField = section.String("text_field")?.Value ?? CalibrationSettings.DefaultTextField;
        var samples = section.Get("samples") is { } node
            ? section.Values.IntegerOrWord(node, section.Field("samples"), AllSamples, CalibrationSectionReader.Count)
            : null;
        var sequenceLength = CalibrationSectionReader.ReadCount(section, "sequence_length", CalibrationSettings.DefaultSequenceLength);
        var maxIncrease = section.Number("max_perplexity_increase", NumberRange.AtLeast(0));
        var limit = samples is { Value: long count } ? new Located<int>((int)count, samples.Position) : null;
        return dataset is null ? null : new EvaluationSettings(dataset, tokenizer, textField, limit, sequenceLength, section.Position, maxIncrease);
    }
}
