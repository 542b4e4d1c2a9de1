using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// Lists the images of a folder in a fixed order. A folder with subfolders is ImageNet style: each subfolder is a
/// class, classes sorted by name (ordinal), images sorted by file name within each class, class by class; its
/// images must all lie in class folders. A folder without subfolders is flat: its images sorted by file name, with no
/// classes. Images are files ending in .png, .jpg or .jpeg (any case); other files, and files and folders whose
/// names start with '.', are ignored. Subfolders of class folders are not read.
/// </summary>
internal static class ImageFolderReader
{
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg"];

    /// <summary>The images, and the class folder names (sorted) when the folder has classes.</summary>
    public static (IReadOnlyList<ImageFolderEntry> Images, IReadOnlyList<string>? ClassNames) Read(string folder)
    {
        var classes = Names(folder, Directory.EnumerateDirectories);
        var images = Images(folder, prefix: "", classIndex: null);
        if (classes.Count == 0)
        {
            return images.Count > 0 ? (images, null) : throw NoImages(folder);
        }

        if (images.Count > 0)
        {
            throw new CalibrationDataException(
                folder, $"holds class folders and also images outside them ({images[0].RelativePath}): put every image in a class folder, or use a folder without subfolders.");
        }

        var all = classes.SelectMany((name, index) => Images(Path.Combine(folder, name), name + "/", index)).ToList();
        return all.Count > 0 ? (all, classes) : throw NoImages(folder);
    }

    /// <summary>
    /// Every image file the folder holds where <see cref="Read"/> looks (directly in it and in its subfolders), as full
    /// paths in reading order, for build tools' input lists: no layout checks, and none when the folder cannot be listed.
    /// </summary>
    public static IReadOnlyList<string> Files(string folder)
    {
        try
        {
            var direct = Images(folder, prefix: "", classIndex: null);
            var nested = Names(folder, Directory.EnumerateDirectories).SelectMany(name => Images(Path.Combine(folder, name), name + "/", null));
            return [.. direct.Concat(nested).Select(image => image.FullPath)];
        }
        catch (CalibrationDataException)
        {
            return [];
        }
    }

    public static bool IsImage(string fileName) =>
        Extensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static List<ImageFolderEntry> Images(string folder, string prefix, int? classIndex) =>
        [.. Names(folder, Directory.EnumerateFiles).Where(IsImage).Select(name => new ImageFolderEntry(prefix + name, Path.Combine(folder, name), classIndex))];

    /// <summary>The names of the visible entries of one kind, sorted ordinally.</summary>
    private static List<string> Names(string folder, Func<string, IEnumerable<string>> enumerate)
    {
        try
        {
            return [.. enumerate(folder).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalibrationDataException(folder, $"cannot be listed: {e.Message}", e);
        }
    }

    private static CalibrationDataException NoImages(string folder) =>
        new(folder, $"holds no images: an image folder holds {string.Join(", ", Extensions)} files, directly or in class folders.");
}

/// <summary>
/// One image of an image folder: its path relative to the folder ('/'-separated, as fingerprints record it), its full
/// path, and the index of its class folder among the sorted class folder names (null in a flat folder).
/// </summary>
internal sealed record ImageFolderEntry(string RelativePath, string FullPath, int? ClassIndex);
