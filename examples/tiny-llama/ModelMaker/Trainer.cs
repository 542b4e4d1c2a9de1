using System.Diagnostics;
using TorchSharp;
using PruneTask.Engine.Calibration.Data;
using static TorchSharp.torch;

namespace PruneTask.Examples.ModelMaker;

/// <summary>Next-byte prediction with AdamW and a cosine learning-rate schedule, on random windows of the corpus.</summary>
public sealed class Trainer(TrainableLlama model, TextWriter log)
{
    public int Steps { get; init; } = 300;

    public int BatchSize { get; init; } = 24;

    public int SequenceLength { get; init; } = 64;

    public double LearningRate { get; init; } = 3e-3;

    public void Train(byte[] corpus, ulong seed)
    {
        var random = new SplitMix64(seed);
        var tokens = tensor(corpus.Select(b => (long)b).ToArray());
        var optimizer = optim.AdamW(model.parameters(), lr: LearningRate, weight_decay: 0.01);
        var clock = Stopwatch.StartNew();
        model.train();
        for (var step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            var batch = Batch(tokens, random);
            var inputs = batch.narrow(1, 0, SequenceLength);
            var targets = batch.narrow(1, 1, SequenceLength);
            var logits = model.call(inputs);
            var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1));
            optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(model.parameters(), 1.0);
            SetLearningRate(optimizer, step);
            optimizer.step();
            if (step % 50 == 0 || step == Steps - 1)
            {
                log.WriteLine($"  step {step,4}/{Steps}  loss {loss.item<float>():F3}  ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }

        model.eval();
    }

    private Tensor Batch(Tensor tokens, SplitMix64 random)
    {
        var limit = (ulong)(tokens.shape[0] - SequenceLength - 1);
        var rows = Enumerable.Range(0, BatchSize)
            .Select(_ => tokens.narrow(0, (long)random.NextBelow(limit), SequenceLength + 1))
            .ToArray();
        return stack(rows);
    }

    private void SetLearningRate(optim.Optimizer optimizer, int step)
    {
        var warmup = Math.Max(1, Steps / 20);
        var rate = step < warmup
            ? LearningRate * (step + 1) / warmup
            : LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (step - warmup) / Math.Max(1, Steps - warmup)));
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }
}
