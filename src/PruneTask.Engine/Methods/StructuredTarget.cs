namespace PruneTask.Engine.Methods;

/// <summary>
/// What a structured method (OSSCAR, the norm baseline) reads from a request: the kept fraction of groups
/// (option <c>keep</c>, else 1 − the request's sparsity) and the group size (option <c>group_size</c>, or
/// <c>groups</c> = how many groups d_in splits into; default 1, i.e. single neurons).
/// </summary>
internal readonly record struct StructuredTarget(double Keep, int GroupSize)
{
    public static StructuredTarget Read(LayerPruneRequest request, string method)
    {
        if (request.Pattern is not null)
        {
            throw new ArgumentException($"{method} removes whole input groups; it takes a keep fraction or a sparsity, not an N:M pattern.");
        }

        var keep = request.Options.ContainsKey("keep") ? request.Option("keep", 1.0) : 1 - request.RequireSparsity(method);
        return new StructuredTarget(keep, ReadGroupSize(request, method));
    }

    private static int ReadGroupSize(LayerPruneRequest request, string method)
    {
        var inputs = request.Weight.shape[1];
        var size = request.Option("group_size", 1);
        if (!request.Options.ContainsKey("groups"))
        {
            return size;
        }

        var groups = request.Option("groups", 1);
        if (groups <= 0 || inputs % groups != 0 || (request.Options.ContainsKey("group_size") && (long)groups * size != inputs))
        {
            throw new ArgumentException($"{method}: {groups} groups do not split d_in = {inputs} into groups of equal size{(request.Options.ContainsKey("group_size") ? $" {size}" : "")}.");
        }

        return (int)(inputs / groups);
    }
}
