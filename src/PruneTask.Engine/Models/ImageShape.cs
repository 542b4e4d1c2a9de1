namespace PruneTask.Engine.Models;

/// <summary>The pixel layout one image takes: [Channels, Height, Width].</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    public override string ToString() => $"[{Channels}, {Height}, {Width}]";
}
