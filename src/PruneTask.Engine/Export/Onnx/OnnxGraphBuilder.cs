using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// Builds an ONNX graph (OnnxSharp's protobuf classes): weights as initializers, constants, and nodes of the default
/// opset, each named after its place in the model (<see cref="Scope"/>) so the graph reads like the checkpoint.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "pruned" };
    private readonly Dictionary<string, int> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);

    public GraphProto Graph => _graph;

    /// <summary>The prefix of the names given to new nodes, e.g. <c>model.layers.3.self_attn</c>.</summary>
    public string Scope { get; set; } = "model";

    /// <summary>A float32 weight as an initializer named <paramref name="name"/>; the tensor stays the caller's.</summary>
    public string Weight(string name, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var values = tensor.to(float32).contiguous().data<float>().ToArray();
        return Floats(name, values, tensor.shape);
    }

    public string Floats(string name, float[] values, params long[] dims) =>
        Add(name, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public string Longs(string name, long[] values, params long[] dims) =>
        Add(name, TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    /// <summary>A shared float32 scalar constant.</summary>
    public string Scalar(float value) => Constant($"const.f{BitConverter.SingleToInt32Bits(value):x8}", () => Floats(Unique("const"), [value]));

    /// <summary>A shared float32 vector of <paramref name="size"/> copies of <paramref name="value"/>.</summary>
    public string Filled(float value, int size) =>
        Constant($"const.f{BitConverter.SingleToInt32Bits(value):x8}x{size}", () => Floats(Unique("const"), Enumerable.Repeat(value, size).ToArray(), size));

    /// <summary>A shared int64 constant of rank 1 (or rank 0 when <paramref name="scalar"/>).</summary>
    public string Ints(long[] values, bool scalar = false) =>
        Constant($"const.i{(scalar ? "s" : "v")}{string.Join('_', values)}", () => Longs(Unique("const"), values, scalar ? [] : [values.Length]));

    /// <summary>Adds a node with one output, named after <paramref name="op"/> in the current scope; returns the output's name.</summary>
    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) => Nodes(op, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs; returns their names.</summary>
    public string[] Nodes(string op, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var name = Unique($"{Scope}/{op}");
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        var names = Enumerable.Range(0, outputs).Select(i => outputs == 1 ? name : $"{name}:{i}").ToArray();
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return names;
    }

    /// <summary>Renames the output of the last node (to give a graph output its public name).</summary>
    public void NameLastOutput(string name)
    {
        _graph.Node[^1].Output[0] = name;
    }

    public void Input(string name, TensorProto.Types.DataType type, params string[] dims) => _graph.Input.Add(Value(name, type, dims));

    public void Output(string name, TensorProto.Types.DataType type, params string[] dims) => _graph.Output.Add(Value(name, type, dims));

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto IntList(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string Add(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> bytes, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        _ = Unique(name);
        return name;
    }

    private string Constant(string key, Func<string> create)
    {
        if (!_constants.TryGetValue(key, out var name))
        {
            name = create();
            _constants[key] = name;
        }

        return name;
    }

    private string Unique(string name)
    {
        var count = _used.GetValueOrDefault(name);
        _used[name] = count + 1;
        return count == 0 ? name : $"{name}_{count}";
    }

    /// <summary>A tensor value; a dimension that parses as a number is fixed, any other is a named dynamic one.</summary>
    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, string[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(long.TryParse(dim, out var size) ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = dim });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
