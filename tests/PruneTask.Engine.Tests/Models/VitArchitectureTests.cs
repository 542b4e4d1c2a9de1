using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class VitArchitectureTests
{
    private const string Fixture = "tiny-vit";

    private static string FixturePath => RepositoryPaths.Fixture("models", Fixture);

    [Fact]
    public void Load_matches_the_reference_hidden_states_and_class_logits()
    {
        using var model = ModelLoader.Load(FixturePath);

        ReferenceOutputs.AssertMatch(Fixture, model, "pixel_values");
        var image = Assert.IsAssignableFrom<IImageModel>(model);
        Assert.Equal(new ImageShape(3, 32, 32), image.ImageInput);
        Assert.Equal(10, image.ClassCount);
    }

    [Fact]
    public void A_bare_ViTModel_checkpoint_without_the_vit_prefix_returns_the_normed_tokens()
    {
        using var scope = torch.NewDisposeScope();
        using var weights = ReferenceOutputs.Renamed(Fixture, name => name.StartsWith("vit.", StringComparison.Ordinal) ? name[4..] : name);
        var json = File.ReadAllText(Path.Combine(FixturePath, "config.json")).Replace("ViTForImageClassification", "ViTModel", StringComparison.Ordinal);
        using var model = ModelLoader.Create(ModelConfig.Parse(json), weights);
        using var reference = SafetensorsFile.Open(RepositoryPaths.Fixture("models", Fixture, "reference.safetensors"));

        var features = model.Forward(reference.Load("pixel_values"));

        Assert.Null(((IImageModel)model).ClassCount);
        var expected = torch.nn.functional.layer_norm(reference.Load("hidden_states.2"), [64], weights.Load("layernorm.weight"), weights.Load("layernorm.bias"), 1e-12);
        ReferenceOutputs.AssertClose(expected, features, "ViTModel output");
    }

    [Fact]
    public void Each_layer_has_six_linears_with_query_key_and_value_sharing_one_input()
    {
        var linears = ModelLoader.Inspect(FixturePath).Linears;

        Assert.Equal(12, linears.Count);
        var layer = "vit.encoder.layer.1.";
        Assert.Equal(
            ["attention.attention.query", "attention.attention.key", "attention.attention.value", "attention.output.dense", "intermediate.dense", "output.dense"],
            linears.Skip(6).Select(l => l.Name[layer.Length..]));
        Assert.Equal(
            [LinearRole.Query, LinearRole.Key, LinearRole.Value, LinearRole.Output, LinearRole.Up, LinearRole.Down],
            linears.Take(6).Select(l => l.Role));
        Assert.All(linears.Take(3), l => Assert.Equal("vit.encoder.layer.0.attention.attention.query", l.InputKey));
        Assert.All(linears, l => Assert.True(l.HasBias));
    }

    [Fact]
    public void Pixels_of_another_size_are_rejected_with_the_expected_shape()
    {
        using var model = ModelLoader.Load(FixturePath);
        using var pixels = torch.zeros(1, 3, 48, 48);

        var error = Assert.Throws<ArgumentException>(() => model.Embed(pixels));

        Assert.Contains("[batch, 3, 32, 32]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_whose_image_size_is_not_a_multiple_of_the_patch_size_is_rejected()
    {
        var json = File.ReadAllText(Path.Combine(FixturePath, "config.json")).Replace("\"patch_size\": 8", "\"patch_size\": 6", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidModelException>(() => ModelConfig.Parse(json));

        Assert.Contains("patch_size", error.Message, StringComparison.Ordinal);
    }
}
