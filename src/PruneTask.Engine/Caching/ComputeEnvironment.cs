using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace PruneTask.Engine.Caching;

/// <summary>
/// What a computed result depends on besides its inputs. libtorch's float results change with the number of compute
/// threads (its Cholesky, cholesky_inverse and whole-tensor sums split their work by thread), with the instruction set its kernels,
/// MKL and oneDNN dispatch on (and the CPU vendor, which MKL also dispatches on), and with the libtorch version. Every
/// key of a computed stage result includes <see cref="KeyText"/>, so a shared cache never serves a result computed
/// in another environment; hashes of inputs (model and data fingerprints) do not include it.
/// </summary>
/// <param name="Threads">libtorch's intra-op thread count when the keys were made (<c>torch.get_num_threads()</c>).</param>
/// <param name="Architecture">The process architecture, with the CPU vendor on x86 (e.g. <c>x64 AuthenticAMD</c>).</param>
/// <param name="InstructionSet">The level the kernels dispatch on (<c>avx512</c>, <c>avx2</c>, <c>sse4.2</c>, <c>baseline</c>,
/// <c>neon</c>), followed by any dispatch override set in the environment (e.g. <c>avx512 ATEN_CPU_CAPABILITY=avx2</c>).</param>
/// <param name="Libtorch">libtorch's version (<c>torch.__version__</c>).</param>
public sealed record ComputeEnvironment(int Threads, string Architecture, string InstructionSet, string Libtorch)
{
    /// <summary>Environment variables that change which kernels libtorch, MKL or oneDNN dispatch to.</summary>
    public static IReadOnlyList<string> DispatchOverrides { get; } =
        ["ATEN_CPU_CAPABILITY", "MKL_CBWR", "MKL_ENABLE_INSTRUCTIONS", "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"];

    /// <summary>This process's environment as of now (the thread count can change with <c>torch.set_num_threads</c>).</summary>
    public static ComputeEnvironment Current() =>
        new(get_num_threads(), ArchitectureName(), InstructionSetName(Environment.GetEnvironmentVariable), __version__);

    /// <summary>The one-line form every computed cache key includes.</summary>
    [JsonIgnore]
    public string KeyText => string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"threads={Threads}; arch={Architecture}; isa={InstructionSet}; libtorch={Libtorch}");

    /// <summary>For people: <c>4 threads, x64 GenuineIntel avx512, libtorch 2.10.0.0</c>.</summary>
    public override string ToString() => $"{Threads} threads, {Architecture} {InstructionSet}, libtorch {Libtorch}";

    internal static string InstructionSetName(Func<string, string?> environment)
    {
        var name = new StringBuilder(DetectedLevel());
        foreach (var variable in DispatchOverrides)
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                name.Append(' ').Append(variable).Append('=').Append(value);
            }
        }

        return name.ToString();
    }

    /// <summary>ATen's CPU capability levels (AVX512 needs F, BW, DQ and VL), and what MKL's kernels need below them.</summary>
    private static string DetectedLevel() =>
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported ? "avx512"
        : Avx2.IsSupported && Fma.IsSupported ? "avx2"
        : Sse42.IsSupported ? "sse4.2"
        : System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "neon"
        : "baseline";

    private static string ArchitectureName()
    {
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return X86Base.IsSupported ? $"{architecture} {CpuVendor()}" : architecture;
    }

    /// <summary>CPUID leaf 0: the vendor string in EBX, EDX, ECX (e.g. GenuineIntel, AuthenticAMD).</summary>
    private static string CpuVendor()
    {
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        Span<byte> vendor = stackalloc byte[12];
        BitConverter.TryWriteBytes(vendor[..4], ebx);
        BitConverter.TryWriteBytes(vendor[4..8], edx);
        BitConverter.TryWriteBytes(vendor[8..], ecx);
        return Encoding.ASCII.GetString(vendor).Trim('\0', ' ');
    }
}
