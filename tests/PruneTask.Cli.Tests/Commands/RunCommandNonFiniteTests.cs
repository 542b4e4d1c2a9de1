using System.Buffers.Binary;
using System.Text.Json;
using PruneTask.Engine.Caching;
using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

/// <summary>
/// NaN or Inf in the model, or produced by a run, stops `run` with exit 2 and one line naming the tensor or layer,
/// before any output is written and without caching a non-finite value.
/// </summary>
public sealed class RunCommandNonFiniteTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-nonfinite-").FullName;

    public RunCommandNonFiniteTests()
    {
        var random = new Random(3);
        File.WriteAllBytes(Path.Combine(_root, "tokens.bin"), Enumerable.Range(0, 2048).SelectMany(_ => BitConverter.GetBytes((long)random.Next(128))).ToArray());
        var model = Directory.CreateDirectory(Path.Combine(_root, "model")).FullName;
        foreach (var file in new[] { "config.json", "model.safetensors" })
        {
            File.Copy(RepositoryPaths.Fixture("models", "tiny-llama-gqa", file), Path.Combine(model, file));
        }
    }

    private string Output => Path.Combine(_root, "out");

    private string Cache => Path.Combine(_root, "cache");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("magnitude", "model.layers.1.mlp.up_proj.weight", float.NaN)]
    [InlineData("wanda", "model.layers.1.mlp.up_proj.weight", float.NaN)]
    [InlineData("sparsegpt", "model.layers.1.mlp.up_proj.weight", float.NaN)]
    [InlineData("magnitude", "model.layers.0.self_attn.k_proj.weight", float.PositiveInfinity)]
    [InlineData("wanda", "model.layers.0.self_attn.k_proj.weight", float.NegativeInfinity)]
    [InlineData("sparsegpt", "model.layers.0.self_attn.k_proj.weight", float.PositiveInfinity)]
    [InlineData("magnitude", "model.embed_tokens.weight", float.PositiveInfinity)]
    [InlineData("sparsegpt", "model.norm.weight", float.NaN)]
    public void A_non_finite_weight_is_refused_naming_the_tensor_before_anything_is_written(string method, string tensor, float value)
    {
        SetWeights(tensor, _ => value, count: 1);

        var (exitCode, _, error) = Cli.Run("run", Recipe(method));

        Assert.Equal(ExitCodes.Failed, exitCode);
        var line = Assert.Single(CommandFailureTests.Lines(error));
        Assert.Contains("error PRN106: ", line, StringComparison.Ordinal);
        Assert.Contains($"{tensor} holds NaN or Inf values", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output), "no output folder");
        Assert.Empty(new CacheMaintenance(Cache).List());
    }

    [Theory]
    [InlineData("wanda")]
    [InlineData("sparsegpt")]
    public void Activations_that_overflow_are_refused_naming_the_block_and_never_cached(string method)
    {
        SetWeights("model.layers.0.mlp.up_proj.weight", _ => 3e38f);

        var (exitCode, _, error) = Cli.Run("run", Recipe(method));

        Assert.Equal(ExitCodes.Failed, exitCode);
        var line = Assert.Single(CommandFailureTests.Lines(error));
        Assert.Contains("error PRN103: Block 0: the calibration statistics of ", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output), "no output folder");
        AssertNoNonFiniteCached();
    }

    [Fact]
    public void A_hessian_that_cannot_be_factorized_is_PRN103_naming_the_layer()
    {
        // A damping so large that damping·mean(diag H) overflows float32: no raise of it gives a factorizable matrix.
        // (Activations large enough to overflow the Hessian are refused earlier, with the statistics.)
        var (exitCode, _, error) = Cli.Run("run", Recipe("sparsegpt", """
            layers:
              - match: "*.down_proj"
                method: sparsegpt
                damping: 1e38
            """));

        Assert.Equal(ExitCodes.Failed, exitCode);
        var line = Assert.Single(CommandFailureTests.Lines(error));
        Assert.Contains("error PRN103: model.layers.0.mlp.down_proj: SparseGPT: the Hessian could not be factorized", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output), "no output folder");
        AssertNoNonFiniteCached();
    }

    private string Recipe(string method, string layers = "")
    {
        var path = Path.Combine(_root, $"{method}.prune.yaml");
        File.WriteAllText(path, $"""
            version: 1
            model:
              path: model
            calibration:
              dataset: tokens.bin
              samples: 4
              sequence_length: 32
            defaults:
              method: {method}
              sparsity: 0.5
            output:
              path: out
            cache:
              path: cache
            {layers}
            """);
        return path;
    }

    /// <summary>Overwrites the first <paramref name="count"/> float32 values of a tensor of the copied model (all when null).</summary>
    private void SetWeights(string tensor, Func<int, float> value, int? count = null)
    {
        var file = Path.Combine(_root, "model", "model.safetensors");
        var bytes = File.ReadAllBytes(file);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var entry = header.RootElement.GetProperty(tensor);
        Assert.Equal("F32", entry.GetProperty("dtype").GetString());
        var offsets = entry.GetProperty("data_offsets");
        var start = 8 + headerLength + offsets[0].GetInt32();
        var elements = (offsets[1].GetInt32() - offsets[0].GetInt32()) / 4;
        for (var i = 0; i < (count ?? elements); i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(start + (4 * i)), value(i));
        }

        File.WriteAllBytes(file, bytes);
    }

    /// <summary>Nothing cached holds NaN or Inf: neither a JSON file nor a tensor of any cached safetensors file.</summary>
    private void AssertNoNonFiniteCached()
    {
        var files = Directory.Exists(Cache) ? Directory.GetFiles(Cache, "*", SearchOption.AllDirectories) : [];
        foreach (var file in files.Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("NaN", File.ReadAllText(file), StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", File.ReadAllText(file), StringComparison.Ordinal);
        }

        foreach (var file in files.Where(f => f.EndsWith(".safetensors", StringComparison.Ordinal)))
        {
            using var tensors = SafetensorsFile.Open(file);
            Assert.All(tensors.Names, name => FiniteWeights.Require(tensors.Load(name), name));
        }
    }
}
