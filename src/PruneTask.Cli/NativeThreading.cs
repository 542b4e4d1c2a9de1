using System.Runtime.InteropServices;
using TorchSharp;

namespace PruneTask.Cli;

/// <summary>
/// How libtorch's threads behave. Its intra-op pool is OpenMP (libgomp, loaded with libtorch_cpu), whose idle threads
/// spin for a while before sleeping (OMP_WAIT_POLICY unset); on a shared CI agent spinning threads steal the cores
/// the busy ones need, and a run slowed five-fold. libgomp reads the policy from the C environment once, when it is
/// loaded, so it is set with libc's setenv before the first torch call (.NET's Environment.SetEnvironmentVariable
/// does not change the native environment on Linux).
/// </summary>
internal static class NativeThreading
{
    private const string WaitPolicy = "OMP_WAIT_POLICY";
    private static int _interopSet;

    /// <summary>Makes idle OpenMP threads sleep instead of spinning, unless the user chose a policy. Call before any torch call.</summary>
    public static void PreferPassiveWaiting()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(WaitPolicy)))
        {
            return;
        }

        Environment.SetEnvironmentVariable(WaitPolicy, "PASSIVE");
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SetEnv(WaitPolicy, "PASSIVE", overwrite: 0);
        }
    }

    /// <summary>
    /// Uses <paramref name="threads"/> threads for intra-op work, and one inter-op thread: the engine launches no
    /// inter-op work, so that pool would only hold idle threads. libtorch aborts the process (an uncatchable C++
    /// error) when the inter-op size is set twice, so it is set once per process, by the first command.
    /// </summary>
    public static void UseThreads(int threads)
    {
        torch.set_num_threads(Math.Max(1, threads));
        if (Interlocked.Exchange(ref _interopSet, 1) == 0)
        {
            torch.set_num_interop_threads(1);
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
