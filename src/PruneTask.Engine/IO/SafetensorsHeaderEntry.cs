namespace PruneTask.Engine.IO;

/// <summary>One tensor as its header entry states it; Begin and End are relative to the start of the data region.</summary>
internal sealed record SafetensorsHeaderEntry(string Name, TensorDtype Dtype, long[] Shape, long Begin, long End);
