using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Chatbot.Knowledge.Indexing;

/// <summary>
/// Looks up a query's terms in one field with one terms enumerator per segment, reused for every term, and keeps what it
/// found as <see cref="TermContext"/>s that the term queries then use as they are. Otherwise each document-frequency check
/// and each term query seeks the term dictionary again with an enumerator of its own, which is most of a search's cost
/// and allocation in an index this size.
/// </summary>
internal sealed class TermLookup
{
    private readonly Dictionary<string, TermContext> _contexts = new(StringComparer.Ordinal);

    private TermLookup(string field) => Field = field;

    public string Field { get; }

    /// <summary>Looks up <paramref name="terms"/> in <paramref name="field"/> of every segment of <paramref name="reader"/>.</summary>
    public static TermLookup Of(IndexReader reader, string field, IReadOnlyList<string> terms)
    {
        var lookup = new TermLookup(field);
        var top = reader.Context;
        foreach (var term in terms)
        {
            lookup._contexts[term] = new TermContext(top);
        }

        var bytes = new BytesRef();
        foreach (var leaf in reader.Leaves)
        {
            var fieldTerms = leaf.AtomicReader.GetTerms(field);
            if (fieldTerms is null)
            {
                continue;
            }

            TermsEnum? reused = null;
            foreach (var term in terms)
            {
                reused = fieldTerms.GetEnumerator(reused);
                bytes.CopyChars(term);
                if (reused.SeekExact(bytes))
                {
                    lookup._contexts[term].Register(reused.GetTermState(), leaf.Ord, reused.DocFreq, reused.TotalTermFreq);
                }
            }
        }

        return lookup;
    }

    /// <summary>In how many documents the field holds <paramref name="term"/>.</summary>
    public int DocFreq(string term) => _contexts[term].DocFreq;

    /// <summary>A query for <paramref name="term"/> in the field that reuses the lookup.</summary>
    public TermQuery Query(string term, float boost = 1f) => new(new Term(Field, term), _contexts[term]) { Boost = boost };
}
