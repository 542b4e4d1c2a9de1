namespace PruneTask.MSBuild.Tests.EndToEnd;

/// <summary>The end-to-end scenarios share one packed feed and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PackagedFeedCollection : ICollectionFixture<PackagedFeed>
{
    public const string Name = "Packaged feed";
}
