using Onnx;
using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Model;
using static PruneTask.Engine.Export.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The parts every causal decoder's graph shares: the inputs as Hugging Face Optimum names them (<c>input_ids</c> and
/// <c>attention_mask</c>, int64 [batch_size, sequence_length]), the <c>logits</c> output, positions 0..T-1, the
/// causal mask, linears (dense or factored), norms, activations and attention.
/// </summary>
internal sealed class OnnxDecoder
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string Logits = "logits";
    public const string Batch = "batch_size";
    public const string Sequence = "sequence_length";

    private readonly OnnxFactoredForm _factoredForm;
    private readonly Dictionary<int, string> _masks = [];
    private string? _keyMask;

    public OnnxDecoder(OnnxGraphBuilder graph, OnnxFactoredForm factoredForm)
    {
        Graph = graph;
        _factoredForm = factoredForm;
        graph.Input(InputIds, TensorProto.Types.DataType.Int64, Batch, Sequence);
        graph.Input(AttentionMask, TensorProto.Types.DataType.Int64, Batch, Sequence);
        graph.Scope = "model";
        var length = graph.Node("Gather", [graph.Node("Shape", [InputIds]), graph.Ints([1], scalar: true)], Int("axis", 0));
        Positions = graph.Node("Range", [graph.Ints([0], scalar: true), length, graph.Ints([1], scalar: true)]);
    }

    public OnnxGraphBuilder Graph { get; }

    /// <summary>Positions 0..T-1, int64 [T].</summary>
    public string Positions { get; }

    /// <summary>Ends the graph: the last node's output becomes the float32 output <c>logits</c> [batch, sequence, <paramref name="vocabulary"/>].</summary>
    public void Finish(int vocabulary)
    {
        Graph.NameLastOutput(Logits);
        Graph.Output(Logits, TensorProto.Types.DataType.Float, Batch, Sequence, vocabulary.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Rows of the checkpoint's <paramref name="table"/> [vocab or positions, width] at <paramref name="indices"/>; the table is stored under its name.</summary>
    public string Lookup(ITensorSource weights, string table, string indices)
    {
        using var rows = weights.LoadFloat32(table);
        return Graph.Node("Gather", [Graph.Weight(table, rows), indices], Int("axis", 0));
    }

    /// <summary>x · Wᵀ for the checkpoint's plain weight [out, in] <paramref name="name"/>, stored transposed under that name.</summary>
    public string Project(string x, ITensorSource weights, string name)
    {
        using var weight = weights.LoadFloat32(name);
        return Project(x, name, weight);
    }

    /// <summary>x · Wᵀ for a plain weight [out, in] stored transposed under <paramref name="name"/>.</summary>
    private string Project(string x, string name, Tensor weight)
    {
        using var transposed = weight.t();
        return Graph.Node("MatMul", [x, Graph.Weight(name, transposed)]);
    }

    /// <summary>The token embedding of <c>input_ids</c>, in the scope of the table's module.</summary>
    public string EmbedTokens<TSettings>(DecoderModel<TSettings> model)
    {
        Graph.Scope = model.TokenTable[..^".weight".Length];
        return Lookup(model.Weights, model.TokenTable, InputIds);
    }

    /// <summary>The model's blocks in order, each with its module name, its linears in this graph and its sizes.</summary>
    public IEnumerable<OnnxBlock> Blocks(PrunableModel model, FactoredWeights? factored)
    {
        var shapes = BlockShapes.Read(model.Config);
        return model.Blocks.Select(block => new OnnxBlock(block.GetName(), block.Index, new OnnxBlockLinears(this, block, factored), shapes[block.Index]));
    }

    /// <summary>
    /// The last node: hidden · lm_headᵀ, or hidden · tableᵀ when the head is tied to the embedding table already stored
    /// under <paramref name="table"/> (a Transpose of it, which ONNX Runtime folds once, instead of a second copy).
    /// </summary>
    public void Head<TSettings>(string hidden, DecoderModel<TSettings> model)
    {
        Graph.Scope = "lm_head";
        if (model.Config.TieWordEmbeddings)
        {
            Graph.Node("MatMul", [hidden, Graph.Node("Transpose", [model.TokenTable], IntList("perm", 1, 0))]);
            return;
        }

        Project(hidden, model.Weights, "lm_head.weight");
    }

    /// <summary>
    /// Self-attention of one block over its (possibly fused) query, key, value and output linears: heads split,
    /// rotated when <paramref name="rotary"/> is given, attended and projected back.
    /// </summary>
    public string SelfAttention(OnnxBlockLinears linears, string x, BlockShape shape, int headDim, double scale, (string Cos, string Sin)? rotary = null, int? slidingWindow = null)
    {
        var query = SplitHeads(linears.Output(LinearRole.Query, x), shape.NumHeads, headDim);
        var key = SplitHeads(linears.Output(LinearRole.Key, x), shape.NumKeyValueHeads, headDim);
        var value = SplitHeads(linears.Output(LinearRole.Value, x), shape.NumKeyValueHeads, headDim);
        if (rotary is { } angles)
        {
            query = Rotate(query, angles, headDim);
            key = Rotate(key, angles, headDim);
        }

        return linears.Output(LinearRole.Output, Attend(query, key, value, shape, headDim, scale, slidingWindow));
    }

    /// <summary>A prunable linear: dense (x · Wᵀ + b), or from its factors (x · Sᵀ + (x · Vᵀ) · Uᵀ + b) unless merged.</summary>
    public string Linear(string x, LinearLayer linear, FactoredWeights? factored)
    {
        var name = linear.Spec.Name;
        string output;
        if (factored is not null && _factoredForm == OnnxFactoredForm.Separate && factored.Layers.Contains(name))
        {
            using var factors = factored.Factors(name);
            var sparse = Project(x, name + ".sparse", factors.Sparse);
            var thin = Project(Project(x, name + ".lowrank_v", factors.V), name + ".lowrank_u", factors.U);
            output = Graph.Node("Add", [sparse, thin]);
        }
        else
        {
            using var weight = linear.ReadWeight();
            output = Project(x, linear.Spec.WeightName, weight);
        }

        using var bias = linear.ReadBias();
        return bias is null ? output : Graph.Node("Add", [output, Graph.Weight(linear.Spec.BiasName!, bias)]);
    }

    /// <summary>The rows of a (possibly fused) linear's output that serve <paramref name="role"/>.</summary>
    public string Part(string output, LinearSpec spec, LinearRole role)
    {
        if (spec.Parts.Count == 1)
        {
            return output;
        }

        var part = spec.Parts.Single(p => p.Role == role);
        return Graph.Node("Slice", [output, Graph.Ints([part.FirstRow]), Graph.Ints([part.FirstRow + part.Rows]), Graph.Ints([-1])]);
    }

    /// <summary>x · rsqrt(mean(x²) + eps) · weight, as <see cref="RmsNorm"/> computes it.</summary>
    public string RmsNorm(string x, ITensorSource weights, string weightName, double eps)
    {
        using var weight = weights.LoadFloat32(weightName);
        var variance = Graph.Node("ReduceMean", [Graph.Node("Mul", [x, x])], IntList("axes", -1), Int("keepdims", 1));
        var scale = Graph.Node("Reciprocal", [Graph.Node("Sqrt", [Graph.Node("Add", [variance, Graph.Scalar((float)eps)])])]);
        return Graph.Node("Mul", [Graph.Node("Mul", [x, scale]), Graph.Weight(weightName, weight)]);
    }

    /// <summary>LayerNormalization over the last axis by the checkpoint's <paramref name="name"/>.weight and .bias; without affine weights, scale 1 and bias 0.</summary>
    public string LayerNorm(string x, ITensorSource weights, string name, bool affine, int size, double eps)
    {
        if (!affine)
        {
            return Graph.Node("LayerNormalization", [x, Graph.Filled(1f, size), Graph.Filled(0f, size)], Int("axis", -1), Float("epsilon", (float)eps));
        }

        using var weight = weights.LoadFloat32(name + ".weight");
        using var bias = weights.LoadFloat32(name + ".bias");
        return Graph.Node("LayerNormalization", [x, Graph.Weight(name + ".weight", weight), Graph.Weight(name + ".bias", bias)], Int("axis", -1), Float("epsilon", (float)eps));
    }

    /// <summary>The MLP activations of <see cref="Activations"/> by their Hugging Face names.</summary>
    public string Activation(string x, string name) => name switch
    {
        "relu" => Graph.Node("Relu", [x]),
        "silu" or "swish" => Graph.Node("Mul", [x, Graph.Node("Sigmoid", [x])]),
        "gelu" => Gelu(x),
        "gelu_new" or "gelu_pytorch_tanh" => GeluTanh(x),
        _ => throw new UnsupportedModelException($"The ONNX export does not support activation '{name}'."),
    };

    /// <summary>[B, T, heads·D] → [B, heads, T, D].</summary>
    public string SplitHeads(string x, int heads, int headDim) =>
        Graph.Node("Transpose", [Graph.Node("Reshape", [x, Graph.Ints([0, 0, heads, headDim])])], IntList("perm", 0, 2, 1, 3));

    /// <summary>
    /// Scaled dot-product attention of query [B, H, T, D] over key and value [B, KV, T, D], query head h reading
    /// key/value head <paramref name="keyValueHeadOf"/>[h]; causal, within <paramref name="slidingWindow"/>, and
    /// only over tokens whose attention_mask is 1. Returns [B, T, H·D].
    /// </summary>
    public string Attend(string query, string key, string value, BlockShape shape, int headDim, double scale, int? slidingWindow = null)
    {
        if (!shape.KeyValueHeadOf.Select((kv, h) => kv == h).All(same => same) || shape.NumKeyValueHeads != shape.NumHeads)
        {
            var map = Graph.Ints(shape.KeyValueHeadOf.Select(h => (long)h).ToArray());
            key = Graph.Node("Gather", [key, map], Int("axis", 1));
            value = Graph.Node("Gather", [value, map], Int("axis", 1));
        }

        var scores = Graph.Node("Mul", [Graph.Node("MatMul", [query, Graph.Node("Transpose", [key], IntList("perm", 0, 1, 3, 2))]), Graph.Scalar((float)scale)]);
        var masked = Graph.Node("Where", [Mask(slidingWindow), scores, Graph.Scalar(float.MinValue)]);
        var weights = Graph.Node("Softmax", [masked], Int("axis", -1));
        var heads = Graph.Node("Transpose", [Graph.Node("MatMul", [weights, value])], IntList("perm", 0, 2, 1, 3));
        return Graph.Node("Reshape", [heads, Graph.Ints([0, 0, (long)shape.NumHeads * headDim])]);
    }

    /// <summary>Rotates x [B, heads, T, D] by the rotary angles of positions 0..T-1 (rotate_half layout).</summary>
    public string Rotate(string x, (string Cos, string Sin) angles, int headDim)
    {
        var half = headDim / 2;
        var halves = Graph.Nodes("Split", [x, Graph.Ints([half, half])], 2, Int("axis", -1));
        var rotated = Graph.Node("Concat", [Graph.Node("Neg", [halves[1]]), halves[0]], Int("axis", -1));
        return Graph.Node("Add", [Graph.Node("Mul", [x, angles.Cos]), Graph.Node("Mul", [rotated, angles.Sin])]);
    }

    /// <summary>cos and sin [T, D] of the angles position · inverse frequency, both halves alike, as <see cref="RotaryEmbedding"/> gives them.</summary>
    public (string Cos, string Sin) RotaryAngles(IReadOnlyList<float> inverseFrequencies)
    {
        var positions = Graph.Node("Unsqueeze", [Graph.Node("Cast", [Positions], Int("to", (long)TensorProto.Types.DataType.Float)), Graph.Ints([1])]);
        var frequencies = Graph.Floats("rotary.inv_freq", inverseFrequencies.ToArray(), 1, inverseFrequencies.Count);
        var angles = Graph.Node("Mul", [positions, frequencies]);
        var both = Graph.Node("Concat", [angles, angles], Int("axis", -1));
        return (Graph.Node("Cos", [both]), Graph.Node("Sin", [both]));
    }

    /// <summary>True where query i may attend key j: j ≤ i, i − j &lt; window, and attention_mask[b, j] = 1; bool [B, 1, T, T].</summary>
    private string Mask(int? slidingWindow)
    {
        var key = slidingWindow ?? 0;
        if (_masks.TryGetValue(key, out var mask))
        {
            return mask;
        }

        var scope = Graph.Scope;
        Graph.Scope = "model.mask";
        var rows = Graph.Node("Unsqueeze", [Positions, Graph.Ints([1])]);
        var columns = Graph.Node("Unsqueeze", [Positions, Graph.Ints([0])]);
        var allowed = Graph.Node("LessOrEqual", [columns, rows]);
        if (slidingWindow is { } window)
        {
            var inWindow = Graph.Node("Greater", [columns, Graph.Node("Sub", [rows, Graph.Ints([window], scalar: true)])]);
            allowed = Graph.Node("And", [allowed, inWindow]);
        }

        _keyMask ??= Graph.Node("Unsqueeze", [Graph.Node("Cast", [AttentionMask], Int("to", (long)TensorProto.Types.DataType.Bool)), Graph.Ints([1, 2])]);
        mask = Graph.Node("And", [Graph.Node("Unsqueeze", [allowed, Graph.Ints([0, 1])]), _keyMask]);
        Graph.Scope = scope;
        _masks[key] = mask;
        return mask;
    }

    /// <summary>0.5 · x · (1 + erf(x / √2)).</summary>
    private string Gelu(string x)
    {
        var erf = Graph.Node("Erf", [Graph.Node("Mul", [x, Graph.Scalar((float)(1 / Math.Sqrt(2)))])]);
        return Graph.Node("Mul", [Graph.Node("Mul", [x, Graph.Scalar(0.5f)]), Graph.Node("Add", [erf, Graph.Scalar(1f)])]);
    }

    /// <summary>0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³))).</summary>
    private string GeluTanh(string x)
    {
        var cube = Graph.Node("Mul", [Graph.Node("Mul", [x, x]), x]);
        var inner = Graph.Node("Add", [x, Graph.Node("Mul", [cube, Graph.Scalar(0.044715f)])]);
        var tanh = Graph.Node("Tanh", [Graph.Node("Mul", [inner, Graph.Scalar((float)Math.Sqrt(2 / Math.PI))])]);
        return Graph.Node("Mul", [Graph.Node("Mul", [x, Graph.Scalar(0.5f)]), Graph.Node("Add", [tanh, Graph.Scalar(1f)])]);
    }
}
