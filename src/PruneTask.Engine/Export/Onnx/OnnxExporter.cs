using Google.Protobuf;
using Onnx;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// Writes a model as one ONNX file (opset 17, float32 weights as initializers): embeddings to logits for the
/// Llama family (Llama, Mistral, Qwen2, Phi-3), OPT and GPT-2, at the sizes the model has (a shrunk model's smaller
/// blocks) and with factored layers as their factors or merged (<see cref="OnnxFactoredForm"/>).
/// </summary>
public static class OnnxExporter
{
    public const string FileName = "model.onnx";
    public const int Opset = 17;

    /// <summary>ONNX IR version 8, the one that goes with opset 17.</summary>
    private const long IrVersion = 8;

    /// <summary>A protobuf message cannot exceed 2 GiB; weights beyond this (less room for the graph) cannot go in one file.</summary>
    private const long MaxWeightBytes = (2L << 30) - (64L << 20);

    /// <summary>Whether <paramref name="model"/>'s family can be exported.</summary>
    public static bool Supports(PrunableModel model) => model is LlamaModel or OptModel or Gpt2Model;

    /// <exception cref="UnsupportedModelException">The family has no ONNX graph here, or the weights exceed protobuf's 2 GiB.</exception>
    public static void Write(string path, PrunableModel model, OnnxFactoredForm factoredForm = OnnxFactoredForm.Separate)
    {
        var graph = new OnnxGraphBuilder();
        var decoder = new OnnxDecoder(graph, factoredForm);
        var factored = model.Weights as FactoredWeights;
        switch (model)
        {
            case LlamaModel llama:
                new LlamaOnnxGraph(decoder, llama).Build(factored);
                break;
            case OptModel opt:
                new OptOnnxGraph(decoder, opt).Build(factored);
                break;
            case Gpt2Model gpt2:
                new Gpt2OnnxGraph(decoder, gpt2).Build(factored);
                break;
            default:
                throw new UnsupportedModelException($"ONNX export is not implemented for {model.Config.Architecture} (only the Llama family, Phi-3, OPT and GPT-2).");
        }

        decoder.Finish(model.Config.VocabSize);
        var weightBytes = graph.Graph.Initializer.Sum(t => (long)t.RawData.Length);
        if (weightBytes > MaxWeightBytes)
        {
            throw new UnsupportedModelException(
                $"The ONNX graph would hold {weightBytes / (1 << 20)} MiB of weights; one ONNX file holds at most 2 GiB (protobuf's limit), and external weight files are not written yet.");
        }

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "PruneTask",
            ProducerVersion = ToolVersion.Current,
            Graph = graph.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        using var stream = File.Create(path);
        proto.WriteTo(stream);
    }
}
