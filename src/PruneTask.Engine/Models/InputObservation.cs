namespace PruneTask.Engine.Models;

/// <summary>Detaches an input observer from the linears it was attached to.</summary>
internal sealed class InputObservation(IReadOnlyList<LinearLayer> linears, Action<LinearLayer, TorchSharp.torch.Tensor> observer) : IDisposable
{
    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        foreach (var linear in linears)
        {
            linear.InputObserver -= observer;
        }

        _disposed = true;
    }
}
