using System.Text.Json;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

public class InspectCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args) => Cli.Run(["inspect", .. args]);

    private static string Model(string name) => RepositoryPaths.Fixture("models", name);

    [Fact]
    public void Text_shows_architecture_parameters_dtypes_and_every_prunable_linear()
    {
        var (exitCode, output, error) = Run(Model("tiny-qwen2-bf16"));

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal("", error);
        Assert.Contains("architecture   Qwen2ForCausalLM (qwen2)", output);
        Assert.Contains("parameters     90,624", output);
        Assert.Contains("stored dtypes  BF16 (90,624)", output);
        Assert.Contains("prunable linears (14):", output);
        Assert.Matches(@"model\.layers\.1\.self_attn\.k_proj +\[16, 64\] +BF16 +Key \+bias", output);
        Assert.Matches(@"model\.layers\.0\.mlp\.down_proj +\[64, 160\] +BF16 +Down", output);
    }

    [Fact]
    public void Json_lists_the_same_facts_for_machines()
    {
        var (exitCode, output, _) = Run(Model("tiny-opt-postln-proj"), "--json");

        Assert.Equal(ExitCodes.Ok, exitCode);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal("OPTForCausalLM", root.GetProperty("architecture").GetString());
        Assert.Equal(root.GetProperty("parameters").GetInt64(), root.GetProperty("dtypes").GetProperty("F32").GetInt64());
        Assert.Equal(4, root.GetProperty("config").GetProperty("numHeads").GetInt32());
        var linears = root.GetProperty("linears").EnumerateArray().ToArray();
        Assert.Equal(12, linears.Length);
        var fc1 = linears[4];
        Assert.Equal("model.decoder.layers.0.fc1", fc1.GetProperty("name").GetString());
        Assert.Equal(("Up", 256, 64), (fc1.GetProperty("role").GetString(), fc1.GetProperty("outFeatures").GetInt64(), fc1.GetProperty("inFeatures").GetInt64()));
    }

    [Fact]
    public void An_unsupported_model_gives_one_error_line_and_exit_code_2()
    {
        var folder = Directory.CreateTempSubdirectory("prunetask-cli-inspect-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "config.json"), """{ "architectures": ["MambaForCausalLM"] }""");

            var (exitCode, output, error) = Run(folder);

            Assert.Equal(ExitCodes.Failed, exitCode);
            Assert.Equal("", output);
            Assert.StartsWith("dotnet-prune: error PRN101: Unsupported architecture 'MambaForCausalLM'. Supported: ", error);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string, byte[]> CorruptFiles => new()
    {
        { "truncated", [1, 2, 3] },
        { "header length beyond the file", Safetensors("{}", declaredLength: 1000) },
        { "header over 100 MB", Safetensors("{}", declaredLength: 200_000_000) },
        { "malformed JSON", Safetensors("{\"a\":") },
        { "not UTF-8", Safetensors([0x7b, 0xff, 0xfe, 0x7d]) },
        { "unknown dtype", Safetensors(Header(("a", "F99", "[2]", "[0,8]")), 8) },
        { "size mismatch", Safetensors(Header(("a", "F32", "[4]", "[0,8]")), 8) },
        { "offsets out of range", Safetensors(Header(("a", "F32", "[2]", "[0,8]")), 4) },
        { "offsets overlapping", Safetensors(Header(("a", "F32", "[2]", "[0,8]"), ("b", "F32", "[2]", "[4,12]")), 12) },
        { "duplicate names", Safetensors(Header(("a", "F32", "[2]", "[0,8]"), ("a", "F32", "[2]", "[8,16]")), 16) },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Every_corrupt_safetensors_case_exits_2_with_one_line_naming_the_file(string problem, byte[] file)
    {
        var folder = Directory.CreateTempSubdirectory("prunetask-cli-inspect-").FullName;
        try
        {
            File.Copy(Path.Combine(Model("tiny-opt"), "config.json"), Path.Combine(folder, "config.json"));
            File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), file);

            var (exitCode, output, error) = Run(folder);

            Assert.True(exitCode == ExitCodes.Failed, $"{problem}: exit {exitCode}, {output}");
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("model.safetensors", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_index_that_names_a_missing_shard_exits_2()
    {
        var folder = Directory.CreateTempSubdirectory("prunetask-cli-inspect-").FullName;
        try
        {
            File.Copy(Path.Combine(Model("tiny-opt"), "config.json"), Path.Combine(folder, "config.json"));
            File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), """{ "weight_map": { "a": "model-00001-of-00002.safetensors" } }""");

            var (exitCode, _, error) = Run(folder);

            Assert.Equal(ExitCodes.Failed, exitCode);
            Assert.Contains("model-00001-of-00002.safetensors", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Header(params (string Name, string Dtype, string Shape, string Offsets)[] tensors) =>
        "{" + string.Join(",", tensors.Select(t => $"\"{t.Name}\":{{\"dtype\":\"{t.Dtype}\",\"shape\":{t.Shape},\"data_offsets\":{t.Offsets}}}")) + "}";

    private static byte[] Safetensors(string header, int dataBytes = 0, long? declaredLength = null) =>
        Safetensors(System.Text.Encoding.UTF8.GetBytes(header), dataBytes, declaredLength);

    private static byte[] Safetensors(byte[] header, int dataBytes = 0, long? declaredLength = null) =>
        [.. BitConverter.GetBytes(declaredLength ?? header.Length), .. header, .. new byte[dataBytes]];

    [Fact]
    public void A_corrupt_weights_file_gives_one_line_and_verbose_adds_the_stack_trace()
    {
        var folder = Directory.CreateTempSubdirectory("prunetask-cli-inspect-").FullName;
        try
        {
            File.Copy(Path.Combine(Model("tiny-opt"), "config.json"), Path.Combine(folder, "config.json"));
            File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), [1, 2, 3]);

            var (exitCode, _, error) = Run(folder);
            var (verboseExitCode, _, verboseError) = Run(folder, "--verbose");

            Assert.Equal(ExitCodes.Failed, exitCode);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("model.safetensors", error);
            Assert.Equal(ExitCodes.Failed, verboseExitCode);
            Assert.Contains("   at ", verboseError);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
