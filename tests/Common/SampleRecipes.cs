namespace PruneTask.Tests.Common;

/// <summary>Recipes that tests of more than one project load, for a folder holding <c>model/</c> and <c>calib.txt</c>.</summary>
internal static class SampleRecipes
{
    /// <summary>The smallest valid recipe: wanda at 50% everywhere.</summary>
    public const string Minimal = """
        version: 1
        model:
          path: model
        calibration:
          dataset: calib.txt
        defaults:
          method: wanda
          sparsity: 0.5
        """;

    /// <summary>
    /// Three independent mistakes: an unknown key at (6,3), a sparsity out of range at (9,13) and an unknown output
    /// format at (11,11).
    /// </summary>
    public const string ThreeMistakes = """
        version: 1
        model:
          path: model
        calibration:
          dataset: calib.txt
          sampels: 32
        defaults:
          method: wanda
          sparsity: 1.5
        output:
          format: compact
        """;
}
