using PruneTask.Engine.Planning;
using PruneTask.Engine.Tests.Calibration.Images;
using PruneTask.Recipes;
using PruneTask.Tests.Common;

namespace PruneTask.Engine.Tests.Planning;

public sealed class RunInputFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-inputs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void An_image_folder_contributes_every_image_file_and_no_other_file()
    {
        var cat = ImageFiles.Png(Path.Combine(_root, "images", "cat", "a.png"), ImageFiles.Solid(2, 2, 1, 2, 3), 2, 2);
        var dog = ImageFiles.Png(Path.Combine(_root, "images", "dog", "b.png"), ImageFiles.Solid(2, 2, 4, 5, 6), 2, 2);
        File.WriteAllText(Path.Combine(_root, "images", "cat", "notes.txt"), "not an image");
        var model = RepositoryPaths.Fixture("models", "tiny-vit");
        var recipePath = Path.Combine(_root, "vit.prune.yaml");
        File.WriteAllText(recipePath, $"""
            version: 1
            model:
              path: {model}
            calibration:
              dataset: images
              samples: 2
            defaults:
              method: wanda
              sparsity: 0.5
            """);
        var loaded = RecipeLoader.Load(recipePath);
        Assert.True(loaded.Recipe is not null, string.Join("\n", loaded.Diagnostics));

        var files = RunInputFiles.List(loaded.Recipe!);

        Assert.Equal([cat, dog], files.Where(f => f.StartsWith(Path.Combine(_root, "images"), StringComparison.Ordinal)));
        Assert.Contains(Path.Combine(model, "config.json"), files);
        Assert.Contains(recipePath, files);
    }
}
