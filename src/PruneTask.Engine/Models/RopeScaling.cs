namespace PruneTask.Engine.Models;

/// <summary>
/// config.json "rope_scaling": adjusts the rotary inverse frequencies. Implemented: none/"default",
/// "linear" (every frequency divided by factor) and "llama3" (low frequencies divided by factor, high ones kept,
/// a smooth blend between, as transformers' _compute_llama3_parameters does).
/// </summary>
internal static class RopeScaling
{
    public static double[] Apply(double[] inverseFrequencies, ConfigJson? scaling)
    {
        var type = scaling is null ? "default" : scaling.String("rope_type") ?? scaling.String("type") ?? "default";
        return type switch
        {
            "default" => inverseFrequencies,
            "linear" => inverseFrequencies.Select(f => f / scaling!.Double("factor")).ToArray(),
            "llama3" => Llama3(inverseFrequencies, scaling!),
            _ => throw new UnsupportedModelException(
                $"config.json: rope_scaling type '{type}' is not supported. Supported: default, linear, llama3."),
        };
    }

    private static double[] Llama3(double[] inverseFrequencies, ConfigJson scaling)
    {
        var factor = scaling.Double("factor");
        var lowFrequencyFactor = scaling.Double("low_freq_factor");
        var highFrequencyFactor = scaling.Double("high_freq_factor");
        var originalContext = scaling.Double("original_max_position_embeddings");
        var lowFrequencyWavelength = originalContext / lowFrequencyFactor;
        var highFrequencyWavelength = originalContext / highFrequencyFactor;

        return inverseFrequencies.Select(frequency =>
        {
            var wavelength = 2 * Math.PI / frequency;
            if (wavelength < highFrequencyWavelength)
            {
                return frequency;
            }

            if (wavelength > lowFrequencyWavelength)
            {
                return frequency / factor;
            }

            var smooth = (originalContext / wavelength - lowFrequencyFactor) / (highFrequencyFactor - lowFrequencyFactor);
            return (1 - smooth) * frequency / factor + smooth * frequency;
        }).ToArray();
    }
}
