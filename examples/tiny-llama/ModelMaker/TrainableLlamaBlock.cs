using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruneTask.Examples.ModelMaker;

/// <summary>One Llama decoder layer with the Hugging Face submodule names (self_attn.q_proj, mlp.down_proj, …).</summary>
public sealed class TrainableLlamaBlock : nn.Module
{
    private readonly TinyLlamaConfig _config;
    private readonly RmsNorm input_layernorm;
    private readonly RmsNorm post_attention_layernorm;
    private readonly TrainableAttention self_attn;
    private readonly TrainableMlp mlp;

    public TrainableLlamaBlock(TinyLlamaConfig config) : base("layer")
    {
        _config = config;
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps);
        self_attn = new TrainableAttention(config);
        mlp = new TrainableMlp(config);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor cos, Tensor sin)
    {
        var h = x + self_attn.Forward(input_layernorm.call(x), cos, sin);
        return h + mlp.call(post_attention_layernorm.call(h));
    }
}

/// <summary>Grouped-query causal self-attention with rotary embeddings.</summary>
public sealed class TrainableAttention : nn.Module
{
    private readonly TinyLlamaConfig _config;
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;

    public TrainableAttention(TinyLlamaConfig config) : base("self_attn")
    {
        _config = config;
        q_proj = nn.Linear(config.HiddenSize, config.Heads * config.HeadDim, hasBias: false);
        k_proj = nn.Linear(config.HiddenSize, config.KeyValueHeads * config.HeadDim, hasBias: false);
        v_proj = nn.Linear(config.HiddenSize, config.KeyValueHeads * config.HeadDim, hasBias: false);
        o_proj = nn.Linear(config.Heads * config.HeadDim, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor cos, Tensor sin)
    {
        long b = x.shape[0], t = x.shape[1];
        int heads = _config.Heads, kvHeads = _config.KeyValueHeads, d = _config.HeadDim;
        var q = Rotary.Apply(q_proj.call(x).view(b, t, heads, d).transpose(1, 2), cos, sin);
        var k = Rotary.Apply(k_proj.call(x).view(b, t, kvHeads, d).transpose(1, 2), cos, sin);
        var v = v_proj.call(x).view(b, t, kvHeads, d).transpose(1, 2);
        k = k.repeat_interleave(heads / kvHeads, dim: 1);
        v = v.repeat_interleave(heads / kvHeads, dim: 1);
        var scores = q.matmul(k.transpose(2, 3)) / Math.Sqrt(d);
        var causal = ones(t, t, dtype: ScalarType.Bool, device: x.device).triu(1);
        var attention = scores.masked_fill(causal, float.NegativeInfinity).softmax(-1);
        var y = attention.matmul(v).transpose(1, 2).reshape(b, t, heads * d);
        return o_proj.call(y);
    }
}

/// <summary>SwiGLU feed-forward: down(silu(gate(x)) · up(x)).</summary>
public sealed class TrainableMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear gate_proj;
    private readonly Linear up_proj;
    private readonly Linear down_proj;

    public TrainableMlp(TinyLlamaConfig config) : base("mlp")
    {
        gate_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: false);
        up_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: false);
        down_proj = nn.Linear(config.IntermediateSize, config.HiddenSize, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => down_proj.call(nn.functional.silu(gate_proj.call(x)) * up_proj.call(x));
}
