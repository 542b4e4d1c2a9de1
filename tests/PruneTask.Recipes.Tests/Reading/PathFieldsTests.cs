using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Reading;

public sealed class PathFieldsTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Paths_resolve_against_the_folder_of_the_recipe_that_names_them()
    {
        var result = _folder.Load(
            "version: 1\nmodel: {path: ../model}\ncalibration: {dataset: ../calib.txt}\nevaluate: {dataset: ../eval.jsonl}\ncache: {path: cache}\n",
            name: "recipes/nested.prune.yaml");

        var recipe = result.Recipe!;
        Assert.Equal(Path.Combine(_folder.Root, "model"), recipe.Model.Path.Value);
        Assert.Equal(Path.Combine(_folder.Root, "eval.jsonl"), recipe.Evaluation!.Dataset.Value);
        Assert.Equal(Path.Combine(_folder.Root, "recipes", "cache"), recipe.Cache.Path!.Value);
    }

    [Fact]
    public void A_recipe_without_a_cache_path_leaves_the_folder_to_the_cache_resolver()
    {
        var result = _folder.Load("version: 1\nmodel: {path: model}\n");

        Assert.Null(result.Recipe!.Cache.Path);
    }

    [Theory]
    [InlineData("model: {path: missing}", "PRN032@2:15")]
    [InlineData("model: {path: calib.txt}", "PRN032@2:15")]
    [InlineData("model: {path: model}\ncalibration: {dataset: absent.txt}", "PRN032@3:24")]
    [InlineData("model: {path: model}\ncalibration: {dataset: calib.TXT}", "PRN015@3:24")]
    [InlineData("model: {path: model}\nevaluate: {dataset: images}", "PRN032@3:21")]
    [InlineData("model: {path: model}\nevaluate: {dataset: calib.txt/}", "PRN032@3:21")]
    [InlineData("model: {path: model}\nevaluate: {dataset: images.v1}", "PRN015@3:21")]
    [InlineData("model: {path: model}\nevaluate: {dataset: eval.txt}", "PRN032@3:21")]
    public void Missing_files_and_unsupported_datasets_are_reported(string body, string expected) =>
        DiagnosticAssert.Errors(_folder.Load("version: 1\n" + body + "\n").Diagnostics, expected);

    [Theory]
    [InlineData("images")]
    [InlineData("images/")]
    [InlineData("images.v1/")]
    public void A_dataset_may_be_an_existing_folder_of_images(string dataset)
    {
        Directory.CreateDirectory(Path.Combine(_folder.Root, dataset));

        var result = _folder.Load($"version: 1\nmodel: {{path: model}}\ncalibration: {{dataset: {dataset}}}\nevaluate: {{dataset: {dataset}}}\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(Path.GetFullPath(dataset, _folder.Root), result.Recipe!.Calibration!.Dataset.Value);
        Assert.Equal(Path.GetFullPath(dataset, _folder.Root), result.Recipe.Evaluation!.Dataset.Value);
    }
}
