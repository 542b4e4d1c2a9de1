namespace PruneTask.Engine.IO;

/// <summary>Opens the shards an index names and checks that the index and the shards agree tensor for tensor.</summary>
internal static class ShardSet
{
    /// <returns>The shards in ordinal order of their file names, and the shard holding each tensor.</returns>
    public static (IReadOnlyList<SafetensorsFile> Files, Dictionary<string, SafetensorsFile> FileOf) Open(string indexPath)
    {
        var weightMap = ShardIndexParser.Parse(indexPath);
        var folder = Path.GetDirectoryName(indexPath) ?? "";
        var files = new List<SafetensorsFile>();
        try
        {
            foreach (var shard in weightMap.Select(e => e.Value).Distinct().Order(StringComparer.Ordinal))
            {
                var shardPath = Path.Combine(folder, shard);
                if (!File.Exists(shardPath))
                    throw new SafetensorsFormatException(indexPath, $"names shard '{shard}', which does not exist");
                files.Add(SafetensorsFile.Open(shardPath));
            }
            var fileOf = TensorsByFile(files, indexPath);
            CheckAgreement(weightMap, fileOf, indexPath);
            return (files, fileOf);
        }
        catch
        {
            foreach (var file in files)
                file.Dispose();
            throw;
        }
    }

    private static Dictionary<string, SafetensorsFile> TensorsByFile(List<SafetensorsFile> files, string indexPath)
    {
        var fileOf = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var name in file.Names)
            {
                if (!fileOf.TryAdd(name, file))
                    throw new SafetensorsFormatException(indexPath,
                        $"tensor '{name}' is in two shards, '{ShardName(fileOf[name])}' and '{ShardName(file)}'");
            }
        }
        return fileOf;
    }

    private static void CheckAgreement(
        IReadOnlyList<KeyValuePair<string, string>> weightMap, Dictionary<string, SafetensorsFile> fileOf, string indexPath)
    {
        foreach (var (name, shard) in weightMap)
        {
            if (!fileOf.TryGetValue(name, out var file) || ShardName(file) != shard)
                throw new SafetensorsFormatException(indexPath,
                    $"\"weight_map\" puts tensor '{name}' in shard '{shard}', which does not hold it");
        }
        var listed = weightMap.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var unlisted = fileOf.Keys.FirstOrDefault(name => !listed.Contains(name));
        if (unlisted is not null)
            throw new SafetensorsFormatException(indexPath,
                $"shard '{ShardName(fileOf[unlisted])}' holds tensor '{unlisted}', which \"weight_map\" does not list");
    }

    private static string ShardName(SafetensorsFile file) => Path.GetFileName(file.FilePath);
}
