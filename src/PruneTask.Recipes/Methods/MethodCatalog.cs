using PruneTask.Recipes.Model;
using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes.Methods;

/// <summary>The methods a recipe can name, with exactly the options and defaults of docs/methods.md.</summary>
public static class MethodCatalog
{
    private static readonly OptionDefinition _scope = OptionDefinition.Choice(OptionNames.Scope, "layer", "row");
    private static readonly OptionDefinition _blockSize = OptionDefinition.Integer(OptionNames.BlockSize, 128);
    private static readonly OptionDefinition _damping = OptionDefinition.Number(OptionNames.Damping, 0.01, NumberRange.Above(0));
    private static readonly OptionDefinition _rankRatio = OptionDefinition.Number(OptionNames.RankRatio, 0.25, NumberRange.Fraction);
    private static readonly OptionDefinition _iterations = OptionDefinition.Integer(OptionNames.Iterations, 80);
    private static readonly OptionDefinition _svd = OptionDefinition.Choice(OptionNames.Svd, "exact", "randomized");
    private static readonly OptionDefinition _groups = OptionDefinition.Choice(OptionNames.Groups, OptionDefinition.Auto, "neurons", "heads");
    private static readonly OptionDefinition _updateIter = OptionDefinition.IntegerOrAuto(OptionNames.UpdateIter);
    private static readonly OptionDefinition _localSearch = OptionDefinition.Boolean(OptionNames.LocalSearch, false);
    private static readonly OptionDefinition _maxIter = OptionDefinition.Integer(OptionNames.MaxIter, 20);

    public static IReadOnlyList<MethodDefinition> Methods { get; } =
    [
        new(MethodNames.Magnitude, [TargetKind.Sparsity, TargetKind.Pattern], [_scope], NeedsCalibration: false, IsStructured: false),
        new(MethodNames.Wanda, [TargetKind.Sparsity, TargetKind.Pattern], [], NeedsCalibration: true, IsStructured: false),
        new(MethodNames.SparseGpt, [TargetKind.Sparsity, TargetKind.Pattern], [_blockSize, _damping], NeedsCalibration: true, IsStructured: false),
        new(MethodNames.Oats, [TargetKind.Compression, TargetKind.Pattern], [_rankRatio, _iterations, _svd], NeedsCalibration: true, IsStructured: false),
        new(MethodNames.Osscar, [TargetKind.Keep], [_groups, _damping, _updateIter, _localSearch, _maxIter], NeedsCalibration: true, IsStructured: true),
        new(MethodNames.Norm, [TargetKind.Keep], [], NeedsCalibration: false, IsStructured: true),
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
