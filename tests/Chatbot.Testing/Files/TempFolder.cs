namespace Chatbot.Testing.Files;

/// <summary>Temporary folders of test fixtures.</summary>
public static class TempFolder
{
    /// <summary>Deletes <paramref name="path"/> and everything in it; a file still held open (an index on a slow disk) leaves it for the OS to clean.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
