using System.Diagnostics;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Support;

/// <summary>
/// A real terminal: a detached tmux session of a fixed size on a private tmux server, running one shell command.
/// The screen (with its scrollback) is read back as plain text, the way a person would see it.
/// </summary>
internal sealed class TerminalSession : IDisposable
{
    private readonly string _socket = $"prunetask-{Guid.NewGuid():N}";

    /// <summary>Starts <paramref name="command"/> (sh syntax) in <paramref name="workingDirectory"/> in a <paramref name="width"/> x <paramref name="height"/> terminal.</summary>
    public TerminalSession(string workingDirectory, string command, int width, int height)
    {
        EnsureTmux();
        Tmux("-f", "/dev/null", "new-session", "-d", "-s", "run", "-x", $"{width}", "-y", $"{height}", "-c", workingDirectory, command);
        Tmux("set-option", "-t", "run", "history-limit", "5000");
    }

    /// <summary>The screen and its scrollback as plain text, trailing blank lines dropped.</summary>
    public string Screen() => Tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "run").TrimEnd();

    public void SendKeys(string keys) => Tmux("send-keys", "-t", "run", keys);

    public void Dispose() => Tmux("kill-server");

    private string Tmux(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(_socket);
        args.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 || args[0] == "kill-server", $"tmux {string.Join(' ', args)}: {error}");
        return output.Result;
    }

    /// <summary>Runs scripts/test-tool.sh tmux, which installs tmux with apt when it is missing.</summary>
    private static void EnsureTmux()
    {
        using var setup = Process.Start(new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "scripts", "test-tool.sh"), "tmux") { RedirectStandardError = true })!;
        var message = setup.StandardError.ReadToEnd();
        setup.WaitForExit();
        Assert.True(setup.ExitCode == 0, $"scripts/test-tool.sh tmux failed: {message}");
    }
}
