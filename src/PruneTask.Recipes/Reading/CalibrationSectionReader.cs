using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Reading;

/// <summary>Reads <c>calibration</c>, filling in the papers' defaults (128 × 2048 tokens, seed 0, pruned propagation).</summary>
internal static class CalibrationSectionReader
{
    public static IReadOnlyCollection<string> Keys { get; } =
        ["dataset", "tokenizer", "text_field", "samples", "sequence_length", "seed", "propagation"];

    public static readonly NumberRange Count = new(1, false, int.MaxValue);

    public static CalibrationSettings? Read(SectionReader root)
    {
        if (root.Section("calibration", Keys) is not { } section)
        {
            return null;
        }

        var dataset = PathFields.ExistingDataset(section, "dataset");
        var tokenizer = section.Enum<TokenizerKind>("tokenizer")?.Value ?? TokenizerKind.Auto;
        var textField = section.String("text_field")?.Value ?? CalibrationSettings.DefaultTextField;
        var samples = ReadCount(section, "samples", CalibrationSettings.DefaultSamples);
        var sequenceLength = ReadCount(section, "sequence_length", CalibrationSettings.DefaultSequenceLength);
        var seed = section.Integer("seed", NumberRange.AtLeast(0))?.Value ?? 0;
        var propagation = section.Enum<Propagation>("propagation")?.Value ?? Propagation.Pruned;
        return dataset is null
            ? null
            : new CalibrationSettings(dataset, tokenizer, textField, samples, sequenceLength, seed, propagation, section.Position);
    }

    /// <summary>A positive count; the default is positioned at the section key.</summary>
    public static Located<int> ReadCount(SectionReader section, string key, int fallback) =>
        section.Integer(key, Count) is { } value
            ? new Located<int>((int)value.Value, value.Position)
            : new Located<int>(fallback, section.Position);
}
