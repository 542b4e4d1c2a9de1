using PruneTask.Engine.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Stages;

/// <summary>
/// Token ids (int64, .bin) that the tiny-llama-gqa fixture wrote itself, greedily: the dense model is confident on
/// them, so pruning raises their perplexity. (On random tokens pruning the random fixture lowers it.)
/// </summary>
internal static class GreedyText
{
    public static void Write(string path, int windows = 4, int length = 32)
    {
        using var scope = torch.NewDisposeScope();
        using var model = ModelLoader.Load(RepositoryPaths.Fixture("models", "tiny-llama-gqa"));
        var tokens = new List<long>();
        for (var w = 0; w < windows; w++)
        {
            var sequence = new List<long> { 3 + (w * 17) };
            while (sequence.Count < length)
            {
                using var logits = model.Forward(torch.tensor(sequence.ToArray()).unsqueeze(0));
                sequence.Add(logits[0, -1].argmax().item<long>());
            }

            tokens.AddRange(sequence);
        }

        File.WriteAllBytes(path, [.. tokens.SelectMany(BitConverter.GetBytes)]);
    }
}
