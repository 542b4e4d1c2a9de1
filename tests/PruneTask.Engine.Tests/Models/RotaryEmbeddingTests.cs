using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class RotaryEmbeddingTests
{
    private readonly RotaryEmbedding _rotary = new(headDim: 8, theta: 10000.0, scaling: null);

    [Fact]
    public void Inverse_frequencies_fall_as_theta_to_the_minus_2i_over_d()
    {
        Assert.Equal([1f, 0.1f, 0.01f, 0.001f], _rotary.InverseFrequencies);
    }

    [Fact]
    public void Position_zero_is_unchanged_and_rotations_keep_lengths()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(1, 2, 5, 8, generator: new torch.Generator(11));
        var (cos, sin) = _rotary.Angles(5);

        var rotated = RotaryEmbedding.Apply(x, cos, sin);

        TensorAssert.Close(x[.., .., 0], rotated[.., .., 0], 1e-7);
        TensorAssert.Close(x.norm(-1), rotated.norm(-1), 1e-5);
    }

    [Fact]
    public void Query_key_products_depend_only_on_the_distance_between_positions()
    {
        using var scope = torch.NewDisposeScope();
        var query = torch.randn(8, generator: new torch.Generator(1)).expand(1, 1, 6, 8);
        var key = torch.randn(8, generator: new torch.Generator(2)).expand(1, 1, 6, 8);
        var (cos, sin) = _rotary.Angles(6);

        var scores = RotaryEmbedding.Apply(query, cos, sin).matmul(RotaryEmbedding.Apply(key, cos, sin).transpose(-2, -1))[0, 0];

        TensorAssert.Close(scores[3, 1], scores[5, 3], 1e-5);
        TensorAssert.Close(scores[2, 2], scores[0, 0], 1e-5);
    }
}
