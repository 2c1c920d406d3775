namespace Chatbot.Knowledge.Indexing;

/// <summary>
/// How the manifest names a file: by its collection, the folder it was ingested from (that folder's name) and its path
/// inside that folder, never by where the folder happens to be. Moving the documents or the index (into a container,
/// onto another machine that shares the index) keeps every key, so unchanged files are not read again.
/// </summary>
/// <remarks>
/// A folder is named by its last path segment (<c>docs</c>), or by as many trailing segments as it takes to tell it
/// from the other folders of its collection (<c>shop/docs</c> next to <c>help/docs</c>). Keys use '/' on every
/// system. A file ingested on its own is keyed by its collection and file name.
/// </remarks>
public static class ManifestKey
{
    /// <summary>The key of a file found in a folder.</summary>
    /// <param name="collection">The collection the folder's documents join.</param>
    /// <param name="folderLabel">The folder's label (<see cref="FolderLabels"/>).</param>
    /// <param name="relativePath">The file's path inside the folder.</param>
    public static string ForFolderFile(string collection, string folderLabel, string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        ArgumentException.ThrowIfNullOrWhiteSpace(folderLabel);
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        return $"{collection}:{folderLabel}/{Portable(relativePath)}";
    }

    /// <summary>The key of a file ingested on its own (not from a folder).</summary>
    public static string ForSingleFile(string collection, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return $"{collection}:{Path.GetFileName(path)}";
    }

    /// <summary>The prefix every key of a folder's files starts with.</summary>
    public static string FolderPrefix(string collection, string folderLabel) => $"{collection}:{folderLabel}/";

    /// <summary>
    /// A label for each folder: its name, lengthened by parent folders only where two folders of one collection
    /// would share it. Folders are full paths; the same folder listed twice gets one label.
    /// </summary>
    public static IReadOnlyDictionary<(string Folder, string Collection), string> FolderLabels(IEnumerable<(string Folder, string Collection)> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var distinct = folders
            .Select(folder => (Folder: Path.TrimEndingDirectorySeparator(folder.Folder), folder.Collection))
            .Distinct()
            .ToList();
        var labels = new Dictionary<(string Folder, string Collection), string>();
        foreach (var folder in distinct)
        {
            var segments = Segments(folder.Folder);
            var others = distinct.Where(other => other.Collection == folder.Collection && other.Folder != folder.Folder).Select(other => Segments(other.Folder)).ToList();
            var take = 1;
            while (take < segments.Length && others.Any(other => Label(other, take) == Label(segments, take)))
            {
                take++;
            }

            labels[folder] = Label(segments, take);
        }

        return labels;
    }

    /// <summary>
    /// The key an entry written by an older version (keyed by its full path) has now: derived from the folder it was
    /// ingested from, labelled among the other folders of the same manifest.
    /// </summary>
    internal static string Migrate(ManifestEntry entry, IReadOnlyDictionary<(string Folder, string Collection), string> labels)
    {
        if (entry.Root is null)
        {
            return ForSingleFile(entry.Collection, entry.Path);
        }

        var root = Path.TrimEndingDirectorySeparator(entry.Root);
        return ForFolderFile(entry.Collection, labels[(root, entry.Collection)], Path.GetRelativePath(root, entry.Path));
    }

    private static string Portable(string relativePath) => relativePath.Replace(Path.DirectorySeparatorChar, '/');

    private static string[] Segments(string folder)
    {
        var segments = folder.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > 0 ? segments : ["root"];
    }

    private static string Label(string[] segments, int take) => string.Join('/', segments[^Math.Min(take, segments.Length)..]);
}
