using TorchSharp;

namespace PruneTask.Engine.Allocation;

/// <summary>One targeted linear of a block as OWL's outlier count reads it: its dense weight and input statistics.</summary>
public readonly record struct OwlLinear(torch.Tensor Weight, torch.Tensor SquaredNorms, long Sequences);
