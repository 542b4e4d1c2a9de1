using Microsoft.ML.OnnxRuntime;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>An exported model.onnx loaded into ONNX Runtime (CPU, every graph optimisation), run on token ids.</summary>
public sealed class OnnxSession : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();

    /// <param name="threads">Intra-op threads; 0 lets ONNX Runtime choose.</param>
    public OnnxSession(string path, int threads = 0)
    {
        _options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = threads };
        _session = new InferenceSession(path, _options);
    }

    /// <summary>The ONNX Runtime build, e.g. "1.32.0".</summary>
    public static string RuntimeVersion => OrtEnv.Instance().GetVersionString();

    /// <summary>Logits [batch, tokens, vocab] (flattened) for <paramref name="ids"/> [batch, tokens]; <paramref name="mask"/> [batch, tokens], all ones when not given.</summary>
    public float[] Logits(long[] ids, int batch, int tokens, long[]? mask = null)
    {
        long[] shape = [batch, tokens];
        using var input = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask ?? Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var outputs = _session.Run(_run, [OnnxDecoder.InputIds, OnnxDecoder.AttentionMask], [input, maskValue], [OnnxDecoder.Logits]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
        _run.Dispose();
    }
}
