using Chatbot.Knowledge.Documents;
using Chatbot.Knowledge.Text;

namespace Chatbot.Knowledge.Chunking;

/// <summary>
/// Cuts a document into passages of roughly <see cref="ChunkingOptions.MinWords"/> to
/// <see cref="ChunkingOptions.MaxWords"/> words along its structure: a chunk closes at a heading once
/// it is long enough, prefers paragraph ends to sentence ends, and never splits a sentence unless the
/// sentence alone is too long. A chunk closed for length repeats its last sentence at the start of
/// the next one (same section only) so that a fact straddling the boundary is retrievable from both.
/// </summary>
/// <remarks>Deterministic: the same text and options always give the same chunks, ids and offsets.</remarks>
public sealed class DocumentChunker
{
    private readonly ChunkingOptions _options;

    public DocumentChunker(ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinWords <= 0 || options.MaxWords < options.MinWords)
        {
            throw new ArgumentException("Chunk sizes must satisfy 0 < MinWords <= MaxWords.", nameof(options));
        }

        _options = options;
    }

    public ChunkingOptions Options => _options;

    /// <summary>Chunks one document.</summary>
    public IReadOnlyList<KnowledgeChunk> Chunk(KnowledgeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var state = new ChunkBuilder(document, _options);
        var sentences = new List<TextSpan>();
        var headings = new List<(int Level, string Text)>();
        var section = string.Empty;
        var singleTopHeading = document.Blocks.Count(block => block.Kind == DocumentBlockKind.Heading && block.Level == 1) == 1;

        // The document's prose ends where its curated entries begin; each entry is a chunk of its own (below).
        var proseEnd = document.Faq.Count > 0 ? document.Faq[0].Start : int.MaxValue;
        foreach (var block in document.Blocks.Where(b => b.Start < proseEnd))
        {
            if (block.Kind == DocumentBlockKind.Heading)
            {
                state.BeginSection();
                while (headings.Count > 0 && headings[^1].Level >= block.Level)
                {
                    headings.RemoveAt(headings.Count - 1);
                }

                headings.Add((block.Level, document.GetText(block)));
                section = SectionPath(headings, document.Title, singleTopHeading);
                state.Add(new Unit(block.Start, block.End, CountWords(document.Text, block.Start, block.End), true, section));
                continue;
            }

            sentences.Clear();
            sentences.AddRange(SentenceSplitter.Default.Split(document.Text, block.Start, block.End).Select(s => new TextSpan(s.Start, s.End)));
            var paragraphWords = CountWords(document.Text, block.Start, block.End);
            state.BeginParagraph(paragraphWords);
            foreach (var sentence in sentences)
            {
                var words = CountWords(document.Text, sentence.Start, sentence.End);
                if (words > _options.MaxWords)
                {
                    foreach (var piece in SplitByWords(document.Text, sentence, state.FirstPieceBudget, _options.MaxWords))
                    {
                        state.AddOversized(new Unit(piece.Start, piece.End, CountWords(document.Text, piece.Start, piece.End), false, section));
                    }

                    continue;
                }

                state.AddSentence(new Unit(sentence.Start, sentence.End, words, false, section));
            }
        }

        state.Finish();
        var chunks = document.Asks.Count == 0 ? state.Chunks : state.Chunks.ConvertAll(chunk => chunk with { AskedAs = AsksOf(document, chunk) });
        if (document.Faq.Count == 0)
        {
            return chunks;
        }

        foreach (var entry in document.Faq)
        {
            chunks.Add(new KnowledgeChunk
            {
                Id = KnowledgeChunk.CreateId(document.Id, chunks.Count),
                DocumentId = document.Id,
                Ordinal = chunks.Count,
                Title = document.Title,
                Url = Uri.TryCreate(entry.Source, UriKind.Absolute, out var source) && source.Scheme is "http" or "https" ? entry.Source! : document.Url,
                Collection = document.Collection,
                Section = entry.Questions[0],
                Start = entry.AnswerStart,
                End = entry.AnswerEnd,
                Text = document.Text[entry.AnswerStart..entry.AnswerEnd],
                Topics = document.Topics,
                Questions = entry.Questions,
            });
        }

        return chunks;
    }

    /// <summary>
    /// The questions of the sections a chunk holds text of: the section it starts in (the nearest heading at or before
    /// its start, or the document's top) and every section whose heading it contains.
    /// </summary>
    private static List<string> AsksOf(KnowledgeDocument document, KnowledgeChunk chunk)
    {
        var governing = 0;
        foreach (var block in document.Blocks)
        {
            if (block.Kind == DocumentBlockKind.Heading && block.Start <= chunk.Start)
            {
                governing = block.Start;
            }
        }

        return document.Asks
            .Where(p => p.Key == governing || (p.Key > chunk.Start && p.Key < chunk.End))
            .OrderBy(p => p.Key)
            .SelectMany(p => p.Value)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Counts white-space separated words in <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
    internal static int CountWords(string text, int start, int end)
    {
        var count = 0;
        var inWord = false;
        for (var i = start; i < end; i++)
        {
            var isSpace = char.IsWhiteSpace(text[i]);
            if (!isSpace && !inWord)
            {
                count++;
            }

            inWord = !isSpace;
        }

        return count;
    }

    private static string SectionPath(List<(int Level, string Text)> headings, string title, bool singleTopHeading)
    {
        var parts = headings
            .Where(heading => !(singleTopHeading && heading.Level == 1))
            .Select(heading => heading.Text)
            .Where(text => !string.Equals(text, title, StringComparison.OrdinalIgnoreCase));
        return string.Join(" > ", parts);
    }

    private static IEnumerable<TextSpan> SplitByWords(string text, TextSpan span, int firstMaxWords, int maxWords)
    {
        var start = span.Start;
        var words = 0;
        var limit = firstMaxWords;
        var inWord = false;
        for (var i = span.Start; i < span.End; i++)
        {
            var isSpace = char.IsWhiteSpace(text[i]);
            if (!isSpace && !inWord)
            {
                if (words == limit)
                {
                    limit = maxWords;
                    var end = i;
                    while (end > start && char.IsWhiteSpace(text[end - 1]))
                    {
                        end--;
                    }

                    yield return new TextSpan(start, end);
                    start = i;
                    words = 0;
                }

                words++;
            }

            inWord = !isSpace;
        }

        yield return new TextSpan(start, span.End);
    }

    private readonly record struct Unit(int Start, int End, int Words, bool IsHeading, string Section);

    /// <summary>The chunk being filled and the chunks done so far.</summary>
    private sealed class ChunkBuilder(KnowledgeDocument document, ChunkingOptions options)
    {
        private readonly List<Unit> _units = [];
        private int _overlapUnits;

        public List<KnowledgeChunk> Chunks { get; } = [];

        private int TotalWords => _units.Sum(unit => unit.Words);

        /// <summary>Words that are not repeated from the previous chunk.</summary>
        private int NewWords => _units.Skip(_overlapUnits).Sum(unit => unit.Words);

        private bool HasNewSentences => _units.Skip(_overlapUnits).Any(unit => !unit.IsHeading);

        /// <summary>Words the first piece of an oversized sentence may have: headings waiting in the chunk count too.</summary>
        public int FirstPieceBudget => HasNewSentences ? options.MaxWords : Math.Max(1, options.MaxWords - TotalWords);

        public void BeginSection()
        {
            if (NewWords >= options.MinWords && HasNewSentences)
            {
                Emit(carryOverlap: false);
            }
            else if (!HasNewSentences && _overlapUnits > 0)
            {
                // Only a repeated sentence is waiting: overlap never crosses a heading.
                _units.RemoveRange(0, _overlapUnits);
                _overlapUnits = 0;
            }
        }

        public void BeginParagraph(int paragraphWords)
        {
            // Prefer closing at a paragraph end over splitting the next paragraph between chunks.
            if (HasNewSentences && NewWords >= options.MinWords && TotalWords + paragraphWords > options.MaxWords)
            {
                Emit(carryOverlap: true);
            }
        }

        public void Add(Unit unit) => _units.Add(unit);

        public void AddSentence(Unit sentence)
        {
            if (HasNewSentences && TotalWords + sentence.Words > options.MaxWords)
            {
                Emit(carryOverlap: true);
            }

            _units.Add(sentence);
        }

        public void AddOversized(Unit piece)
        {
            if (HasNewSentences)
            {
                Emit(carryOverlap: false);
            }

            _units.Add(piece);
        }

        public void Finish()
        {
            if (HasNewSentences)
            {
                Emit(carryOverlap: false);
            }
        }

        private void Emit(bool carryOverlap)
        {
            // Headings at the end belong to the text that follows them.
            var trailingHeadings = 0;
            while (trailingHeadings < _units.Count && _units[_units.Count - 1 - trailingHeadings].IsHeading)
            {
                trailingHeadings++;
            }

            var emitted = _units.Count - trailingHeadings;
            var first = _units[0];
            var last = _units[emitted - 1];
            var section = _units.Take(emitted)
                .GroupBy(unit => unit.Section)
                .OrderByDescending(group => group.Sum(unit => unit.Words))
                .ThenBy(group => _units.FindIndex(unit => unit.Section == group.Key))
                .First().Key;

            var ordinal = Chunks.Count;
            Chunks.Add(new KnowledgeChunk
            {
                Id = KnowledgeChunk.CreateId(document.Id, ordinal),
                DocumentId = document.Id,
                Ordinal = ordinal,
                Title = document.Title,
                Url = document.Url,
                Collection = document.Collection,
                Section = section,
                Start = first.Start,
                End = last.End,
                Text = document.Text[first.Start..last.End],
                Topics = document.Topics,
            });

            var carried = _units.GetRange(emitted, trailingHeadings);
            _units.Clear();
            _overlapUnits = 0;
            if (carried.Count > 0)
            {
                _units.AddRange(carried);
            }
            else if (carryOverlap && options.OverlapSentences > 0 && !last.IsHeading && last.Words <= options.MaxWords / 4)
            {
                _units.Add(last);
                _overlapUnits = 1;
            }
        }
    }
}
