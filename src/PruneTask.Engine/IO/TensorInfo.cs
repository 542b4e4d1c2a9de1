namespace PruneTask.Engine.IO;

/// <summary>Where one stored tensor lives: its file and the absolute byte range of its data in that file.</summary>
public sealed record TensorInfo(string Name, TensorDtype Dtype, IReadOnlyList<long> Shape, string FilePath, long DataOffset, long ByteLength)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
