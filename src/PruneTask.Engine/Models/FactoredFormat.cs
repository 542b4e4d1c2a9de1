using System.Text.Json;

namespace PruneTask.Engine.Models;

/// <summary>
/// prune_config.json of a model written with <c>format: factored</c> (docs/output-formats.md): the layers stored as a
/// sparse part plus low-rank factors, W = U·V + S, instead of <c>&lt;layer&gt;.weight</c>. S is in CSR form in three
/// tensors, <c>&lt;layer&gt;.sparse.values</c> [nnz], <c>&lt;layer&gt;.sparse.col_indices</c> [nnz] (I32) and
/// <c>&lt;layer&gt;.sparse.row_offsets</c> [out + 1] (I64); U is <c>&lt;layer&gt;.lowrank_u</c> [out, rank] and V is
/// <c>&lt;layer&gt;.lowrank_v</c> [rank, in]. Every factor is in the [out, in] orientation, whatever the checkpoint's.
/// </summary>
public sealed record FactoredFormat
{
    public const string FileName = "prune_config.json";
    public const string FactoredName = "factored";
    public const int CurrentVersion = 1;
    public const string CsrLayout = "csr";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string Format { get; init; } = FactoredName;

    public int FormatVersion { get; init; } = CurrentVersion;

    public string SparseLayout { get; init; } = CsrLayout;

    /// <summary>The factored layers by module name (the name without <c>.weight</c>).</summary>
    public required IReadOnlyDictionary<string, FactoredLayerEntry> Layers { get; init; }

    public static string Values(string layer) => layer + ".sparse.values";

    public static string ColumnIndices(string layer) => layer + ".sparse.col_indices";

    public static string RowOffsets(string layer) => layer + ".sparse.row_offsets";

    public static string LowRankU(string layer) => layer + ".lowrank_u";

    public static string LowRankV(string layer) => layer + ".lowrank_v";

    /// <summary>The five tensor names that replace <c>&lt;layer&gt;.weight</c>.</summary>
    public static IReadOnlyList<string> TensorNames(string layer) => [Values(layer), ColumnIndices(layer), RowOffsets(layer), LowRankU(layer), LowRankV(layer)];

    public string Serialize() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>The folder's prune_config.json when it describes a factored model; null when there is none.</summary>
    public static FactoredFormat? Read(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        FactoredFormat? format;
        try
        {
            format = JsonSerializer.Deserialize<FactoredFormat>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidModelException($"{FileName} is not valid: {e.Message}", e);
        }

        if (format is null || format.Format != FactoredName)
        {
            return null;
        }

        return format.FormatVersion == CurrentVersion && format.SparseLayout == CsrLayout
            ? format
            : throw new UnsupportedModelException($"{FileName}: format_version {format.FormatVersion} with sparse_layout '{format.SparseLayout}' is not supported (only {CurrentVersion}, '{CsrLayout}').");
    }
}

/// <summary>
/// One factored layer in prune_config.json: its [out, in] shape, the orientation the checkpoint stores its dense
/// weight in (<c>out_in</c>, or <c>in_out</c> for GPT-2's Conv1D; the loader rebuilds <c>&lt;layer&gt;.weight</c> in
/// it), the rank of U·V and the nonzeros of the sparse part. A fused linear lists its <see cref="Parts"/>: each part
/// was decomposed on its own, so U is block-diagonal over the parts' rows.
/// </summary>
public sealed record FactoredLayerEntry(long[] Shape, string StoredLayout, int Rank, long Nnz, IReadOnlyList<FactoredPart>? Parts = null)
{
    public const string OutIn = "out_in";
    public const string InOut = "in_out";
}

/// <summary>The rows [FirstRow, FirstRow + Rows) of a fused factored layer that serve one role (query, key, gate, …).</summary>
public sealed record FactoredPart(string Role, long FirstRow, long Rows);
