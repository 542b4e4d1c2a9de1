using System.Text;
using Microsoft.ML.OnnxRuntime;

// The build pruned the example model, wrote model.onnx and copied it here (PruneRecipe item, TargetPath).
var model = Path.Combine(AppContext.BaseDirectory, "models", "tiny-llama-onnx", "model.onnx");
if (!File.Exists(model))
{
    Console.Error.WriteLine($"No pruned model at {model}: build the project first (see README.md).");
    return 1;
}

// The example model reads UTF-8 bytes: token id = byte value.
var prompt = args.Length > 0 ? string.Join(' ', args) : "The cat";
var tokens = Encoding.UTF8.GetBytes(prompt).Select(b => (long)b).ToList();
using var session = new InferenceSession(model);
using var run = new RunOptions();
const int NewTokens = 60;
for (var step = 0; step < NewTokens; step++)
{
    // No key/value cache: every step runs the whole sequence, which a model this small does in a blink.
    using var input = OrtValue.CreateTensorValueFromMemory(tokens.ToArray(), [1, tokens.Count]);
    using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, tokens.Count).ToArray(), [1, tokens.Count]);
    using var outputs = session.Run(run, ["input_ids", "attention_mask"], [input, mask], ["logits"]);
    var logits = outputs[0].GetTensorDataAsSpan<float>();
    var vocabulary = logits.Length / tokens.Count;
    var last = logits[^vocabulary..];
    var next = 0;
    for (var id = 1; id < vocabulary; id++)
    {
        next = last[id] > last[next] ? id : next;
    }

    tokens.Add(next);
}

Console.WriteLine(Encoding.UTF8.GetString(tokens.Select(t => (byte)t).ToArray()));
return 0;
