namespace PruneTask.Recipes.Methods;

/// <summary>
/// The method option keys, as they appear in recipes and in resolved option dictionaries; what each option means,
/// its type and default are declared in <see cref="MethodCatalog"/>.
/// </summary>
public static class OptionNames
{
    public const string Scope = "scope";
    public const string BlockSize = "blocksize";
    public const string Damping = "damping";
    public const string RankRatio = "rank_ratio";
    public const string Iterations = "iterations";
    public const string Svd = "svd";
    public const string Groups = "groups";
    public const string UpdateIter = "update_iter";
    public const string LocalSearch = "local_search";
    public const string MaxIter = "max_iter";
}
