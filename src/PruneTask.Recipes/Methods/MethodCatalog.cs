using PruneTask.Recipes.Model;
using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes.Methods;

/// <summary>
/// The methods a recipe can name, with exactly the options and defaults of docs/methods.md: the one declaration of
/// each method's contract. The recipe reader checks recipes against it, prune.schema.json and README's method
/// tables are generated from it (<c>./build.sh schema</c>), and the engine reads its defaults.
/// </summary>
public static class MethodCatalog
{
    private static readonly OptionDefinition _scope = OptionDefinition.Choice(
        OptionNames.Scope,
        ["layer", "row"],
        "`layer` compares all weights of the matrix against one threshold (the reference baseline); `row` compares within each output row. Ignored for a pattern target.");

    private static readonly OptionDefinition _blockSize = OptionDefinition.Integer(
        OptionNames.BlockSize,
        128,
        "columns per lazy-update block (the mask is chosen per block). Must be a multiple of M for a pattern target.");

    private static readonly OptionDefinition _damping = OptionDefinition.Number(
        OptionNames.Damping,
        0.01,
        NumberRange.Above(0),
        "damping added to the Hessian diagonal, relative to its mean (percdamp / λ₂).");

    private static readonly OptionDefinition _rankRatio = OptionDefinition.Number(
        OptionNames.RankRatio,
        0.25,
        NumberRange.Fraction,
        "share κ of the kept parameters given to the low-rank part; 0 reduces OATS to Wanda.");

    private static readonly OptionDefinition _iterations = OptionDefinition.Integer(
        OptionNames.Iterations,
        80,
        "alternating-thresholding iterations.");

    private static readonly OptionDefinition _svd = OptionDefinition.Choice(
        OptionNames.Svd,
        ["exact", "randomized"],
        "`exact` runs a full thin SVD each iteration (the reference); `randomized` computes only the top singular vectors (faster, slightly different numerics).");

    private static readonly OptionDefinition _groups = OptionDefinition.Choice(
        OptionNames.Groups,
        [OptionDefinition.Auto, "neurons", "heads"],
        "what to remove. `auto` follows the layer: neurons at MLP down projections (down_proj, fc2), heads at attention output projections (o_proj, out_proj).");

    private static readonly OptionDefinition _updateIter = OptionDefinition.IntegerOrAuto(
        OptionNames.UpdateIter,
        "divisor of the groups removed per greedy step. `auto` is 10 for neurons and 2 for heads (the reference's update_iter and update_iter2).");

    private static readonly OptionDefinition _localSearch = OptionDefinition.Boolean(
        OptionNames.LocalSearch,
        false,
        "run the swap local search after the greedy stage.");

    private static readonly OptionDefinition _maxIter = OptionDefinition.Integer(
        OptionNames.MaxIter,
        20,
        "local-search iterations.");

    public static IReadOnlyList<MethodDefinition> Methods { get; } =
    [
        new(
            MethodNames.Magnitude,
            "Zero the weights of smallest magnitude; no calibration data.",
            [TargetKind.Sparsity, TargetKind.Pattern],
            [_scope],
            StatisticsNeed.None,
            IsStructured: false),
        new(
            MethodNames.Wanda,
            "Wanda: score |W|·‖x‖ per input feature, compare within each output row; no weight update.",
            [TargetKind.Sparsity, TargetKind.Pattern],
            [],
            StatisticsNeed.Diagonal,
            IsStructured: false),
        new(
            MethodNames.SparseGpt,
            "SparseGPT: OBS pruning with column-by-column weight updates from the calibration Hessian.",
            [TargetKind.Sparsity, TargetKind.Pattern],
            [_blockSize, _damping],
            StatisticsNeed.Gram,
            IsStructured: false),
        new(
            MethodNames.Oats,
            "OATS: sparse plus low-rank decomposition with outlier-aware scaling (alternating thresholding).",
            [TargetKind.Compression, TargetKind.Pattern],
            [_rankRatio, _iterations, _svd],
            StatisticsNeed.Diagonal,
            IsStructured: false),
        new(
            MethodNames.Osscar,
            "OSSCAR: structured pruning of MLP neurons or attention heads by combinatorial optimisation, with a least-squares refit.",
            [TargetKind.Keep],
            [_groups, _damping, _updateIter, _localSearch, _maxIter],
            StatisticsNeed.Gram,
            IsStructured: true),
        new(
            MethodNames.Norm,
            "Structured baseline: drop the MLP neurons with the smallest down-projection column norm, no refit.",
            [TargetKind.Keep],
            [],
            StatisticsNeed.None,
            IsStructured: true),
    ];

    /// <summary>Every option of every method, once (options shared by two methods have the same definition).</summary>
    public static IReadOnlyList<OptionDefinition> AllOptions { get; } =
        Methods.SelectMany(m => m.Options).DistinctBy(o => o.Name).ToList();

    public static IReadOnlyList<string> Names { get; } = Methods.Select(m => m.Name).ToList();

    public static MethodDefinition? Find(string name) => Methods.FirstOrDefault(m => m.Name == name);

    public static OptionDefinition? FindOption(string name) => AllOptions.FirstOrDefault(o => o.Name == name);

    /// <summary>The methods that have the option, for "belongs to sparsegpt and osscar" messages.</summary>
    public static string OwnersOf(string option) =>
        string.Join(" and ", Methods.Where(m => m.FindOption(option) is not null).Select(m => m.Name));
}
