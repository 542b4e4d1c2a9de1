namespace PruneTask.Recipes.Tests.Support;

/// <summary>One diagnostic a corpus recipe must produce: its code and its position (file as an absolute path).</summary>
internal sealed record CorpusExpectation(string Code, string File, int Line, int Column);
