namespace PruneTask.Engine.Calibration.Data;

/// <summary>Token ids read from a file: a flat stream (shape [n]) or ready-made sequences (shape [rows, columns]).</summary>
internal sealed record TokenArray(long[] Ids, int[] Shape)
{
    public bool IsSequences => Shape.Length == 2;
}
