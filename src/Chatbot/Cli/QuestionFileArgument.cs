using Chatbot.Tools.Benchmarks.Knowledge;

namespace Chatbot.Cli;

/// <summary>The <c>--data</c> of the commands that read questions: a .jsonl file, or a folder of them.</summary>
internal static class QuestionFileArgument
{
    /// <summary>Every *.jsonl of the folder <paramref name="path"/> in name order, or the one file; a missing path is a usage error.</summary>
    public static string[] Resolve(string path)
    {
        try
        {
            return KnowledgeBenchmark.QuestionFiles(path);
        }
        catch (FileNotFoundException)
        {
            throw new CliUsageException($"No such file or folder: {path}");
        }
    }
}
