using System.Runtime.InteropServices;

namespace PruneTask.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl+C) or SIGTERM (what CI cancellation sends) into a cancelled <see cref="Token"/>, so the
/// run stops at its next safe point and cleans up; a second signal ends the process at once, as usual.
/// </summary>
internal sealed class RunSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public RunSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The signal that cancelled the run, or null.</summary>
    public PosixSignal? Received => _received == 0 ? null : (PosixSignal)_received;

    /// <summary>The conventional exit code: 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => Received == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Cancelled;

    public string Name => Received == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) != 0)
        {
            return;
        }

        context.Cancel = true;
        _source.Cancel();
    }
}
