using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Models;

public class RopeScalingTests
{
    private static readonly double[] Frequencies = [2 * Math.PI / 100, 2 * Math.PI / 4096, 2 * Math.PI / 10000];

    [Fact]
    public void Llama3_keeps_high_frequencies_divides_low_ones_and_blends_between()
    {
        var scaling = ConfigJson.Parse(
            """{"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}""");

        var scaled = RopeScaling.Apply(Frequencies, scaling);

        Assert.Equal(Frequencies[0], scaled[0], 12);
        Assert.Equal((2.0 / 3) * Frequencies[1] / 8 + (1.0 / 3) * Frequencies[1], scaled[1], 12);
        Assert.Equal(Frequencies[2] / 8, scaled[2], 12);
    }

    [Fact]
    public void Default_leaves_frequencies_and_linear_divides_them_all()
    {
        Assert.Equal(Frequencies, RopeScaling.Apply(Frequencies, null));
        Assert.Equal(Frequencies, RopeScaling.Apply(Frequencies, ConfigJson.Parse("""{"rope_type": "default"}""")));
        Assert.Equal(Frequencies.Select(f => f / 4), RopeScaling.Apply(Frequencies, ConfigJson.Parse("""{"type": "linear", "factor": 4}""")));
    }

    [Fact]
    public void Other_scaling_types_are_unsupported()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => RopeScaling.Apply(Frequencies, ConfigJson.Parse("""{"rope_type": "yarn", "factor": 4}""")));

        Assert.Equal("config.json: rope_scaling type 'yarn' is not supported. Supported: default, linear, llama3.", error.Message);
    }
}
