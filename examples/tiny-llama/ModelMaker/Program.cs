using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PruneTask.Examples.ModelMaker;
using TorchSharp;

// Usage: make-example-model OUTPUT_DIR [--steps N]
// Writes OUTPUT_DIR/model (config.json + model.safetensors, LlamaForCausalLM, byte-level vocabulary)
// and OUTPUT_DIR/data (train.txt, calibration.txt, eval.txt), all from fixed seeds.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: make-example-model OUTPUT_DIR [--steps N]");
    return 2;
}

var output = Path.GetFullPath(args[0]);
var steps = args.Length >= 3 && args[1] == "--steps" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 300;
torch.set_num_threads(Math.Max(1, Environment.ProcessorCount));
torch.random.manual_seed(7);

var data = Directory.CreateDirectory(Path.Combine(output, "data")).FullName;
var train = new ToyCorpus(seed: 1).Generate(400_000);
File.WriteAllText(Path.Combine(data, "train.txt"), train);
File.WriteAllText(Path.Combine(data, "calibration.txt"), new ToyCorpus(seed: 2).Generate(40_000));
File.WriteAllText(Path.Combine(data, "eval.txt"), new ToyCorpus(seed: 3).Generate(40_000));

var config = new TinyLlamaConfig();
using var model = new TrainableLlama(config);
Console.WriteLine($"Training a {config.Layers}-layer Llama (hidden {config.HiddenSize}) for {steps} steps on {train.Length} bytes of toy English...");
var clock = Stopwatch.StartNew();
new Trainer(model, Console.Out) { Steps = steps }.Train(Encoding.UTF8.GetBytes(train), seed: 11);

var modelDir = Directory.CreateDirectory(Path.Combine(output, "model")).FullName;
ExampleModelWriter.Write(modelDir, config, model);
Console.WriteLine($"Wrote {modelDir} in {clock.Elapsed.TotalSeconds:F0} s.");
return 0;
