using PruneTask.Engine.Caching;
using PruneTask.Engine.Diagnostics;
using PruneTask.Engine.Tests.Stages;

namespace PruneTask.Engine.Tests.Caching;

/// <summary>
/// A cached layer's weights are hashed when a run first reads them, not when the entry is opened: a run that never
/// reads them never hashes them, and one that does finds a corrupt file before using it.
/// </summary>
public sealed class VerifiedOnReadTensorsTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    [Fact]
    public void A_corrupt_layer_file_goes_unread_while_the_output_is_current_and_stops_the_run_that_reads_it()
    {
        var recipe = _workspace.Recipe(PipelineWorkspace.Wanda);
        _workspace.Run(recipe);
        var model = _workspace.OutputBytes("model.safetensors");
        var entry = CorruptWeightsOf("model.layers.1.mlp.down_proj");

        var current = _workspace.Run(recipe);
        Assert.All(current.Report.Layers, l => Assert.Equal("hit", l.Cache));
        Assert.Equal(model, _workspace.OutputBytes("model.safetensors"));

        Directory.Delete(_workspace.Output, recursive: true);
        var failure = Assert.Throws<PruneRunException>(() => _workspace.Run(recipe));
        Assert.Equal(RunErrorCodes.FileSystem, failure.Code);
        Assert.Contains("model.layers.1.mlp.down_proj", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not match its SHA-256", failure.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(entry), "the corrupt entry is removed");

        var recomputed = _workspace.Run(recipe);
        Assert.Equal("miss", Assert.Single(recomputed.Report.Layers, l => l.Name == "model.layers.1.mlp.down_proj").Cache);
        Assert.Equal(model, _workspace.OutputBytes("model.safetensors"));
    }

    [Fact]
    public void A_layer_file_whose_header_does_not_parse_is_recomputed_when_opened()
    {
        var recipe = _workspace.Recipe(PipelineWorkspace.Wanda);
        _workspace.Run(recipe);
        var model = _workspace.OutputBytes("model.safetensors");
        var entry = CorruptWeightsOf("model.layers.0.self_attn.q_proj", at: 7);

        var rerun = _workspace.Run(recipe);

        Assert.Equal("miss", Assert.Single(rerun.Report.Layers, l => l.Name == "model.layers.0.self_attn.q_proj").Cache);
        Assert.True(Directory.Exists(entry), "the recomputed result is stored again");
        Assert.Equal(model, _workspace.OutputBytes("model.safetensors"));
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>Flips one byte of the weights file of the layer's cache entry (same size), by default in the data, so only the hash can tell; returns the entry's folder.</summary>
    private string CorruptWeightsOf(string layer, int? at = null)
    {
        var manifestPath = Directory.EnumerateFiles(_workspace.Cache, CacheManifest.FileName, SearchOption.AllDirectories)
            .Single(p => CacheManifest.Read(p).Description.StartsWith(layer + " ", StringComparison.Ordinal));
        var weights = Path.Combine(Path.GetDirectoryName(manifestPath)!, "layer.safetensors");
        var bytes = File.ReadAllBytes(weights);
        bytes[at ?? bytes.Length - 3] ^= 0x40;
        File.WriteAllBytes(weights, bytes);
        return Path.GetDirectoryName(manifestPath)!;
    }
}
