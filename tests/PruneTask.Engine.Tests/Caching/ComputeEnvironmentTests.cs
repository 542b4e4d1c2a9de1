using PruneTask.Engine.Caching;
using TorchSharp;

namespace PruneTask.Engine.Tests.Caching;

[Collection(ThreadCountCollection.Name)]
public sealed class ComputeEnvironmentTests : IDisposable
{
    private readonly int _threads = torch.get_num_threads();

    public void Dispose() => torch.set_num_threads(_threads);

    [Fact]
    public void Current_names_the_thread_count_libtorch_computes_with_this_machine_and_the_libtorch_version()
    {
        torch.set_num_threads(3);

        var environment = ComputeEnvironment.Current();

        Assert.Equal(3, environment.Threads);
        Assert.Equal(torch.__version__, environment.Libtorch);
        Assert.StartsWith(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), environment.Architecture, StringComparison.Ordinal);
        Assert.Contains(environment.InstructionSet.Split(' ')[0], new[] { "avx512", "avx2", "sse4.2", "neon", "baseline" });
    }

    [Fact]
    public void A_dispatch_override_in_the_environment_is_part_of_the_instruction_set()
    {
        var plain = ComputeEnvironment.InstructionSetName(_ => null);
        var limited = ComputeEnvironment.InstructionSetName(name => name == "ATEN_CPU_CAPABILITY" ? "default" : null);

        Assert.DoesNotContain("=", plain, StringComparison.Ordinal);
        Assert.Equal(plain + " ATEN_CPU_CAPABILITY=default", limited);
    }

    [Fact]
    public void Every_field_changes_the_key_text()
    {
        var environment = new ComputeEnvironment(4, "x64 GenuineIntel", "avx512", "2.10.0.0");

        Assert.Equal("threads=4; arch=x64 GenuineIntel; isa=avx512; libtorch=2.10.0.0", environment.KeyText);
        Assert.Equal(
            5,
            new[]
            {
                environment, environment with { Threads = 1 }, environment with { Architecture = "x64 AuthenticAMD" },
                environment with { InstructionSet = "avx2" }, environment with { Libtorch = "2.11.0.0" },
            }.Select(e => e.KeyText).Distinct().Count());
    }
}
