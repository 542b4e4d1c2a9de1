using PruneTask.Engine.Evaluation;
using PruneTask.Engine.Models;
using PruneTask.Engine.Tests.Calibration.Images;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Evaluation;

public class TopOnePredictionsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Block_by_block_predictions_are_the_arg_max_of_the_full_forward_pass_at_any_batch_size(int batchSize)
    {
        using var scope = torch.NewDisposeScope();
        using var model = ModelLoader.Load(RepositoryPaths.Fixture("models", "tiny-vit"));
        var images = PixelFiles.Random(7, seed: 9);

        var predictions = TopOnePredictions.Compute(model, images, batchSize);

        Assert.Equal(model.Forward(images).argmax(1).data<long>().ToArray(), predictions);
        Assert.All(model.Blocks, b => Assert.False(b.IsMaterialized));
    }

    [Fact]
    public void A_model_without_class_logits_cannot_be_scored()
    {
        using var scope = torch.NewDisposeScope();
        using var model = ModelLoader.Load(RepositoryPaths.Fixture("models", "tiny-llama-gqa"));

        var error = Assert.Throws<InvalidOperationException>(() => TopOnePredictions.Compute(model, torch.zeros(2, 4, dtype: torch.int64), 2));

        Assert.Contains("[images, classes]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_and_agreement_count_the_matching_entries()
    {
        Assert.Equal(0.75, TopOnePredictions.Accuracy([1, 2, 3, 4], [1, 2, 3, 0]));
        Assert.Equal(0.0, TopOnePredictions.Agreement([1], [2]));
        Assert.Throws<ArgumentException>(() => TopOnePredictions.Agreement([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => TopOnePredictions.Agreement([], []));
    }
}
