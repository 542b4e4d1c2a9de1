using System.Globalization;

namespace PruneTask.MSBuild.Tests.EndToEnd;

/// <summary>
/// Recipe texts for the scenarios: magnitude pruning of the repository's copy of tiny-llama-gqa, calibrated on a few
/// ASCII sequences (byte tokens below the model's vocabulary of 128).
/// </summary>
internal static class Recipes
{
    public static string Magnitude(double sparsity = 0.5) => $"""
        version: 1
        model:
          path: ../model
        calibration:
          dataset: ../data/calibration.txt
          tokenizer: bytes
          samples: 4
          sequence_length: 16
        defaults:
          method: magnitude
          sparsity: {Number(sparsity)}
        """;

    /// <summary>A recipe that takes everything but its sparsity from ../base.prune.yaml.</summary>
    public static string Extending(double sparsity) => $"""
        version: 1
        extends: ../base.prune.yaml
        defaults:
          sparsity: {Number(sparsity)}
        """;

    public static string Base(string method) => $"""
        version: 1
        model:
          path: model
        calibration:
          dataset: data/calibration.txt
          tokenizer: bytes
          samples: 4
          sequence_length: 16
        defaults:
          method: {method}
          sparsity: 0.5
        """;

    /// <summary>A misspelled top-level key on line <see cref="MisspelledKeyLine"/>, column 1.</summary>
    public static string WithMisspelledKey() => """
        version: 1
        model:
          path: ../model
        defaults:
          method: magnitude
          sparsity: 0.5
        outptu:
          path: out
        """;

    public const int MisspelledKeyLine = 7;

    private static string Number(double value) => value.ToString("0.0#", CultureInfo.InvariantCulture);
}
