namespace PruneTask.Cli.Tests.Support;

/// <summary>Seeded calibration data: int64 token ids in [0, 128), the vocabulary of the tiny fixture models.</summary>
internal static class TokenFile
{
    public static void Write(string path, int count, int seed = 5)
    {
        var random = new Random(seed);
        File.WriteAllBytes(path, Enumerable.Range(0, count).SelectMany(_ => BitConverter.GetBytes((long)random.Next(128))).ToArray());
    }
}
