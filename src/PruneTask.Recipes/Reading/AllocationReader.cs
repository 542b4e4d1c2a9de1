using System.Globalization;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Reading;

/// <summary>Reads an <c>allocation</c> mapping (top level or in a rule); OWL's settings are rejected under uniform.</summary>
internal static class AllocationReader
{
    private static readonly string[] _owlKeys = ["m", "lambda", "min", "max"];

    public static IReadOnlyCollection<string> Keys { get; } = ["strategy", .. _owlKeys];

    public static AllocationSettings Read(SectionReader section)
    {
        var strategyWritten = section.Has("strategy");
        var strategy = section.Enum<AllocationStrategy>("strategy");
        var m = section.Number("m", NumberRange.Above(0));
        var lambda = section.Number("lambda", NumberRange.AtLeast(0));
        var min = section.Number("min", new NumberRange(0, false, 1));
        var max = section.Number("max", new NumberRange(0, false, 1));
        if (strategy?.Value == AllocationStrategy.Uniform || !strategyWritten)
        {
            foreach (var key in _owlKeys.Where(section.Has))
            {
                section.Values.Diagnostics.Error(
                    DiagnosticCodes.OptionNotForMethod,
                    section.KeyPosition(key),
                    $"{section.Field(key)} applies only to strategy: owl.");
            }
        }

        if (min is not null && max is not null && min.Value > max.Value)
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.AllocationBounds,
                min.Position,
                string.Create(CultureInfo.InvariantCulture, $"{section.Field("min")} ({min.Value}) is above {section.Field("max")} ({max.Value})."));
        }

        return new AllocationSettings(
            strategy?.Value ?? AllocationStrategy.Uniform,
            m?.Value ?? AllocationSettings.DefaultOutlierThreshold,
            lambda?.Value ?? AllocationSettings.DefaultLambda,
            min?.Value ?? AllocationSettings.DefaultMin,
            max?.Value ?? AllocationSettings.DefaultMax);
    }
}
