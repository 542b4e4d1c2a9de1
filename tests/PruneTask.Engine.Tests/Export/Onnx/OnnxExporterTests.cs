using System.Text.Json.Nodes;
using PruneTask.Engine.Export.Onnx;
using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Engine.Tests.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Export.Onnx;

public sealed class OnnxExporterTests : IDisposable
{
    private const float Tolerance = 1e-4f;
    private readonly string _folder = Directory.CreateTempSubdirectory("prune-onnx-").FullName;

    public static TheoryData<string> Fixtures => new() { "tiny-llama-gqa", "tiny-qwen2-bf16", "tiny-phi3", "tiny-opt", "tiny-opt-postln-proj", "tiny-gpt2" };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ONNX_Runtime_gives_the_fixtures_reference_logits(string fixture)
    {
        using var scope = torch.NewDisposeScope();
        using var reference = FixtureModels.Reference(fixture);
        var ids = reference.Load("input_ids");
        var path = Export(fixture);

        var logits = Run(path, ids);

        var error = logits.sub(reference.Load("logits")).abs().max().item<float>();
        Assert.True(error <= Tolerance, $"{fixture}: max |ONNX − reference| = {error:E2}");
    }

    [Fact]
    public void The_graph_takes_any_batch_and_sequence_length()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-llama-gqa");
        var path = Export("tiny-llama-gqa");
        var ids = torch.randint(model.Config.VocabSize, [3, 7], dtype: torch.int64, generator: new torch.Generator(1));

        var logits = Run(path, ids);

        var error = logits.sub(model.Forward(ids)).abs().max().item<float>();
        Assert.True(error <= Tolerance, $"max |ONNX − engine| = {error:E2}");
    }

    [Theory]
    [InlineData("tiny-llama-gqa")]
    [InlineData("tiny-opt")]
    [InlineData("tiny-gpt2")]
    public void A_token_whose_attention_mask_is_zero_is_not_attended_to(string fixture)
    {
        var path = Export(fixture);
        using var session = new OnnxSession(path);
        long[] mask = [1, 1, 0, 1, 1];

        var first = session.Logits([5, 17, 42, 9, 3], 1, 5, mask);
        var second = session.Logits([5, 17, 77, 9, 3], 1, 5, mask);
        var unmasked = session.Logits([5, 17, 77, 9, 3], 1, 5);

        var vocabulary = first.Length / 5;
        var later = Enumerable.Range(3 * vocabulary, 2 * vocabulary).ToArray();
        Assert.True(later.Max(i => Math.Abs(first[i] - second[i])) <= Tolerance, "the masked token changed later logits");
        Assert.True(later.Max(i => Math.Abs(second[i] - unmasked[i])) > Tolerance, "the mask changed nothing");
    }

    /// <summary>Settings the fixtures do not cover, on a fixture's weights with an edited config.json.</summary>
    [Theory]
    [InlineData("tiny-llama-gqa", """{"architectures": ["MistralForCausalLM"], "model_type": "mistral", "sliding_window": 3}""", "")]
    [InlineData("tiny-llama-gqa", """{"tie_word_embeddings": true, "rope_theta": 500.0}""", "lm_head.weight")]
    [InlineData("tiny-llama-gqa", """{"rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0, "original_max_position_embeddings": 16}}""", "")]
    [InlineData("tiny-opt", """{"layer_norm_elementwise_affine": false, "activation_function": "gelu"}""", "layer_norm")]
    [InlineData("tiny-gpt2", """{"scale_attn_by_inverse_layer_idx": true}""", "")]
    public void A_configuration_variant_matches_the_engine(string fixture, string changes, string dropped)
    {
        using var scope = torch.NewDisposeScope();
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureModels.Folder(fixture), "config.json")))!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(changes)!.AsObject())
        {
            config[key] = value?.DeepClone();
        }

        using var weights = FixtureModels.InMemory(fixture, name => dropped.Length > 0 && name.Contains(dropped, StringComparison.Ordinal) ? null : name);
        using var model = ModelLoader.Create(ModelConfig.Parse(config.ToJsonString()), weights);
        var path = Path.Combine(_folder, "variant.onnx");
        OnnxExporter.Write(path, model);
        var ids = torch.randint(model.Config.VocabSize, [2, 9], dtype: torch.int64, generator: new torch.Generator(3));

        var error = Run(path, ids).sub(model.Forward(ids)).abs().max().item<float>();

        Assert.True(error <= Tolerance, $"max |ONNX − engine| = {error:E2}");
    }

    [Fact]
    public void A_model_without_an_ONNX_graph_is_refused()
    {
        using var model = FixtureModels.Load("tiny-vit");

        Assert.False(OnnxExporter.Supports(model));
        Assert.Throws<UnsupportedModelException>(() => OnnxExporter.Write(Path.Combine(_folder, "vit.onnx"), model));
    }

    [Fact]
    public void The_runs_check_tells_a_graph_that_does_not_compute_the_model()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-llama-gqa");
        var path = Export("tiny-llama-gqa");
        var ids = torch.randint(model.Config.VocabSize, [2, 8], dtype: torch.int64, generator: new torch.Generator(2));
        var (same, sameScale) = OnnxVerifier.Compare(path, model, ids);
        Assert.True(same <= OnnxVerifier.Tolerance(sameScale), $"max |Δ| {same:E2} for the model the graph was exported from");

        var changed = model.Blocks[0].Linears[0];
        changed.ReplaceWeight(torch.zeros_like(changed.ReadWeight()));
        var (difference, scale) = OnnxVerifier.Compare(path, model, ids);

        Assert.True(difference > OnnxVerifier.Tolerance(scale), $"max |Δ| {difference:E2} after zeroing {changed.Spec.Name}");
    }

    private string Export(string fixture)
    {
        using var model = FixtureModels.Load(fixture);
        var path = Path.Combine(_folder, fixture + ".onnx");
        OnnxExporter.Write(path, model);
        return path;
    }

    private static torch.Tensor Run(string path, torch.Tensor ids)
    {
        using var session = new OnnxSession(path);
        var (batch, tokens) = ((int)ids.shape[0], (int)ids.shape[1]);
        var logits = session.Logits(ids.to(torch.int64).contiguous().data<long>().ToArray(), batch, tokens);
        return torch.tensor(logits, [batch, tokens, logits.Length / (batch * tokens)]);
    }
}
