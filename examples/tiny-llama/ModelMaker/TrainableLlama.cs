using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruneTask.Examples.ModelMaker;

/// <summary>
/// A trainable Llama (RMSNorm, rotary GQA attention, SwiGLU) whose parameter names are the Hugging Face
/// checkpoint names, so its state dict is saved as is. The engine's own Llama reads the result back; a test
/// checks both compute the same logits.
/// </summary>
public sealed class TrainableLlama : nn.Module<Tensor, Tensor>
{
    private readonly TinyLlamaConfig _config;
    private readonly Embedding embed_tokens;
    private readonly ModuleList<TrainableLlamaBlock> layers;
    private readonly RmsNorm norm;
    private readonly Linear lm_head;

    public TrainableLlama(TinyLlamaConfig config) : base("model")
    {
        _config = config;
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize);
        layers = new ModuleList<TrainableLlamaBlock>(
            Enumerable.Range(0, config.Layers).Select(_ => new TrainableLlamaBlock(config)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        lm_head = nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        RegisterComponents();
        using (no_grad())
        {
            foreach (var (_, p) in named_parameters())
            {
                if (p.dim() == 2)
                {
                    nn.init.normal_(p, 0, 0.02);
                }
            }
        }
    }

    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var x = embed_tokens.call(inputIds);
        var (cos, sin) = Rotary.Tables(inputIds.shape[1], _config.HeadDim, _config.RopeTheta);
        foreach (var layer in layers)
        {
            x = layer.Forward(x, cos, sin);
        }

        return lm_head.call(norm.call(x)).MoveToOuterDisposeScope();
    }

    /// <summary>Parameters under their Hugging Face names (model.layers.0.self_attn.q_proj.weight, lm_head.weight, …).</summary>
    public IEnumerable<(string Name, Tensor Tensor)> HuggingFaceTensors() =>
        named_parameters().Select(p => (p.name.StartsWith("lm_head", StringComparison.Ordinal) ? p.name : "model." + p.name, (Tensor)p.parameter));
}
