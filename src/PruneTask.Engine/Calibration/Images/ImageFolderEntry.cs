namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// One image of an image folder: its path relative to the folder ('/'-separated, as fingerprints record it), its full
/// path, and the index of its class folder among the sorted class folder names (null in a flat folder).
/// </summary>
internal sealed record ImageFolderEntry(string RelativePath, string FullPath, int? ClassIndex);
