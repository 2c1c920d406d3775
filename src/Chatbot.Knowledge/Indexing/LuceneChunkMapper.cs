using Chatbot.Knowledge.Chunking;
using Lucene.Net.Documents;
using Lucene.Net.Documents.Extensions;
using Lucene.Net.Util;

namespace Chatbot.Knowledge.Indexing;

/// <summary>Converts chunks to and from Lucene documents.</summary>
internal static class LuceneChunkMapper
{
    public static Document ToDocument(KnowledgeChunk chunk, int dimensions)
    {
        Document document =
        [
            new StringField(LuceneFields.Id, chunk.Id, Field.Store.YES),
            new BinaryDocValuesField(LuceneFields.Id, new BytesRef(chunk.Id)),
            new StringField(LuceneFields.DocumentId, chunk.DocumentId, Field.Store.YES),
            new StringField(LuceneFields.Collection, chunk.Collection, Field.Store.YES),
            new StoredField(LuceneFields.Ordinal, chunk.Ordinal),
            new TextField(LuceneFields.Title, chunk.Title, Field.Store.YES),
            new TextField(LuceneFields.Section, chunk.Section, Field.Store.YES),
            new TextField(LuceneFields.Text, chunk.Text, Field.Store.YES),
            new TextField(LuceneFields.Topics, string.Join('\n', chunk.Topics), Field.Store.YES),
            new StoredField(LuceneFields.Url, chunk.Url),
            new StoredField(LuceneFields.Start, chunk.Start),
            new StoredField(LuceneFields.End, chunk.End),
        ];
        if (chunk.Questions.Count > 0)
        {
            document.Add(new TextField(LuceneFields.Questions, string.Join('\n', chunk.Questions), Field.Store.YES));
        }

        if (chunk.AskedAs.Count > 0)
        {
            document.Add(new TextField(LuceneFields.Asks, string.Join('\n', chunk.AskedAs), Field.Store.YES));
            if (chunk.AskVectors.Count > 0)
            {
                document.Add(new StoredField(LuceneFields.AskVectors, ChunkSentenceCodec.Encode(chunk.AskVectors, dimensions)));
            }
        }

        if (chunk.Sentences.Count > 0)
        {
            document.Add(new StoredField(LuceneFields.Sentences, ChunkSentenceCodec.Encode(chunk.Sentences, dimensions)));
        }

        return document;
    }

    public static KnowledgeChunk ToChunk(Document document)
    {
        var topics = document.Get(LuceneFields.Topics);
        var questions = document.Get(LuceneFields.Questions);
        var asks = document.Get(LuceneFields.Asks);
        var text = document.Get(LuceneFields.Text) ?? string.Empty;
        var sentences = document.GetBinaryValue(LuceneFields.Sentences);
        var askVectors = document.GetBinaryValue(LuceneFields.AskVectors);
        return new KnowledgeChunk
        {
            Id = document.Get(LuceneFields.Id),
            DocumentId = document.Get(LuceneFields.DocumentId),
            Ordinal = document.GetField(LuceneFields.Ordinal).GetInt32ValueOrDefault(),
            Title = document.Get(LuceneFields.Title) ?? string.Empty,
            Url = document.Get(LuceneFields.Url) ?? string.Empty,
            Collection = document.Get(LuceneFields.Collection),
            Section = document.Get(LuceneFields.Section) ?? string.Empty,
            Start = document.GetField(LuceneFields.Start).GetInt32ValueOrDefault(),
            End = document.GetField(LuceneFields.End).GetInt32ValueOrDefault(),
            Text = text,
            Topics = string.IsNullOrEmpty(topics) ? [] : topics.Split('\n'),
            Questions = string.IsNullOrEmpty(questions) ? [] : questions.Split('\n'),
            AskedAs = string.IsNullOrEmpty(asks) ? [] : asks.Split('\n'),
            AskVectors = askVectors is null || string.IsNullOrEmpty(asks) ? [] : ChunkSentenceCodec.Decode(askVectors.Bytes.AsSpan(askVectors.Offset, askVectors.Length), asks),
            Sentences = sentences is null ? [] : ChunkSentenceCodec.Decode(sentences.Bytes.AsSpan(sentences.Offset, sentences.Length), text),
        };
    }
}
