using PruneTask.Engine.IO;

namespace PruneTask.Engine.Benchmarks;

/// <summary>The shape of a Llama the model benchmark writes with random weights.</summary>
public sealed record SyntheticLlamaShape(
    string Name, int Hidden, int Blocks, int Heads, int KeyValueHeads, int Intermediate, int Vocabulary, TensorDtype Dtype)
{
    /// <summary>TinyLlama-1.1B: 22 blocks of hidden 2048, 32 query and 4 key/value heads, MLP 5632, bf16.</summary>
    public static SyntheticLlamaShape TinyLlama { get; } = new("tinyllama-1.1b", 2048, 22, 32, 4, 5632, 32000, TensorDtype.BF16);

    /// <summary>Two blocks of Llama-7B's shape: hidden 4096, 32 heads, MLP 11008, bf16.</summary>
    public static SyntheticLlamaShape Llama7BBlock { get; } = new("llama-7b-block", 4096, 2, 32, 32, 11008, 32000, TensorDtype.BF16);

    public static IReadOnlyList<SyntheticLlamaShape> Named { get; } = [TinyLlama, Llama7BBlock];

    public int HeadDim => Hidden / Heads;

    /// <summary>Parameters of one block: the seven linears and two norms.</summary>
    public long BlockParameters =>
        (2L * Hidden * Hidden) + (2L * Hidden * KeyValueHeads * HeadDim) + (3L * Hidden * Intermediate) + (2L * Hidden);

    /// <summary>Every parameter: embeddings, blocks, final norm and an untied head.</summary>
    public long Parameters => (Blocks * BlockParameters) + (2L * Vocabulary * Hidden) + Hidden;

    public static SyntheticLlamaShape? Find(string name) => Named.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
