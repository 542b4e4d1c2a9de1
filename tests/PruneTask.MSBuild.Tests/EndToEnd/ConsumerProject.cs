namespace PruneTask.MSBuild.Tests.EndToEnd;

/// <summary>A project of a <see cref="ConsumerRepository"/> and where its build leaves the pruned model (Debug defaults).</summary>
internal sealed class ConsumerProject(string directory, string name)
{
    public string Directory { get; } = directory;

    public string ProjectFile => Path.Combine(Directory, name + ".csproj");

    public string Recipe => Path.Combine(Directory, "recipe.prune.yaml");

    public string OutputDirectory => Path.Combine(Directory, "obj", "Debug", "net10.0", "pruned", "recipe");

    public string LockFile => Path.Combine(OutputDirectory, "prune.lock.json");

    public string PrunedModel => Path.Combine(OutputDirectory, "model.safetensors");

    public string DefaultCache => Path.Combine(Directory, "obj", "prune-cache");
}
