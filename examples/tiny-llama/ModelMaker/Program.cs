using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PruneTask.Examples.ModelMaker;
using TorchSharp;

// Usage: make-example-model OUTPUT_DIR [--steps N] [--outliers]
// Writes OUTPUT_DIR/model (config.json + model.safetensors, LlamaForCausalLM, byte-level vocabulary)
// and OUTPUT_DIR/data (train.txt, calibration.txt, eval.txt), all from fixed seeds.
// --outliers makes the outlier variant (see TinyLlamaConfig): blocks 1 and 2 train with 4 input channels amplified 20×.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: make-example-model OUTPUT_DIR [--steps N] [--outliers]");
    return 2;
}

var output = Path.GetFullPath(args[0]);
var stepsAt = Array.IndexOf(args, "--steps");
var steps = stepsAt > 0 && stepsAt + 1 < args.Length ? int.Parse(args[stepsAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 300;
var outliers = args.Contains("--outliers");
torch.set_num_threads(Math.Max(1, Environment.ProcessorCount));
torch.random.manual_seed(7);

var data = Directory.CreateDirectory(Path.Combine(output, "data")).FullName;
var train = new ToyCorpus(seed: 1).Generate(400_000);
File.WriteAllText(Path.Combine(data, "train.txt"), train);
File.WriteAllText(Path.Combine(data, "calibration.txt"), new ToyCorpus(seed: 2).Generate(40_000));
File.WriteAllText(Path.Combine(data, "eval.txt"), new ToyCorpus(seed: 3).Generate(40_000));

var config = outliers ? new TinyLlamaConfig().WithOutliers() : new TinyLlamaConfig();
using var model = new TrainableLlama(config);
Console.WriteLine($"Training a {config.Layers}-layer Llama (hidden {config.HiddenSize}{(outliers ? ", outlier variant" : "")}) for {steps} steps on {train.Length} bytes of toy English...");
var clock = Stopwatch.StartNew();
new Trainer(model, Console.Out) { Steps = steps }.Train(Encoding.UTF8.GetBytes(train), seed: 11);

var modelDir = Directory.CreateDirectory(Path.Combine(output, "model")).FullName;
ExampleModelWriter.Write(modelDir, config, model);
Console.WriteLine($"Wrote {modelDir} in {clock.Elapsed.TotalSeconds:F0} s.");
return 0;
