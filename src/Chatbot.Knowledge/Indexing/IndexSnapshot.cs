using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Chatbot.Knowledge.Indexing;

/// <summary>
/// One consistent, immutable view of the index: a Lucene reader and the vector rows of the same
/// commit, with maps between Lucene document numbers and vector rows. Queries run against a
/// snapshot; ingestion builds a new one and swaps it in, so readers never see a half-applied change.
/// </summary>
/// <remarks>The Lucene reader is reference counted: a query holds a reference while it runs, so a swapped-out reader is closed only after its last query finishes.</remarks>
internal sealed class IndexSnapshot
{
    private readonly Lazy<Dictionary<ulong, int>> _rowByTextHash;
    private readonly Dictionary<string, int> _rowByChunkId;
    private readonly Lazy<int[]> _curatedRows;
    private readonly Lazy<AskVectors> _asks;

    private IndexSnapshot(
        DirectoryReader? reader, VectorRow[] rows, VectorMatrix matrix, IndexManifest manifest,
        int[] luceneDocByRow, int[] rowByLuceneDoc, Dictionary<string, int> rowByChunkId)
    {
        _rowByChunkId = rowByChunkId;
        Reader = reader;
        Searcher = reader is null ? null : new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        Rows = rows;
        Matrix = matrix;
        Manifest = manifest;
        LuceneDocByRow = luceneDocByRow;
        RowByLuceneDoc = rowByLuceneDoc;

        CollectionNames = rows.Select(row => row.Collection).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (CollectionNames.Length > byte.MaxValue)
        {
            throw new InvalidDataException("The index holds more than 255 collections.");
        }

        RowCollections = new byte[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            RowCollections[i] = (byte)Array.IndexOf(CollectionNames, rows[i].Collection);
        }

        _curatedRows = new Lazy<int[]>(FindCuratedRows);
        _asks = new Lazy<AskVectors>(ReadAsks);
        _rowByTextHash = new Lazy<Dictionary<ulong, int>>(() =>
        {
            var map = new Dictionary<ulong, int>(Rows.Length);
            for (var i = 0; i < Rows.Length; i++)
            {
                map.TryAdd(Rows[i].TextHash, i);
            }

            return map;
        });
    }

    public DirectoryReader? Reader { get; }

    public IndexSearcher? Searcher { get; }

    public VectorRow[] Rows { get; }

    public VectorMatrix Matrix { get; }

    public IndexManifest Manifest { get; }

    public int[] LuceneDocByRow { get; }

    public int[] RowByLuceneDoc { get; }

    public string[] CollectionNames { get; }

    public byte[] RowCollections { get; }

    public int Count => Rows.Length;

    /// <summary>The rows of curated answers (chunks with questions), in row order; found once, on first use.</summary>
    public IReadOnlyList<int> CuratedRows => _curatedRows.Value;

    /// <summary>
    /// Every doc2query question's vector (unit length, <see cref="VectorMatrix.Dimensions"/> floats each), grouped by the
    /// row of the chunk it belongs to; read once, on first use, from the chunks that have questions.
    /// </summary>
    public AskVectors Asks => _asks.Value;

    /// <summary>The row whose embedded text had this hash, to reuse its vector.</summary>
    public bool TryGetRowByTextHash(ulong hash, out int row) => _rowByTextHash.Value.TryGetValue(hash, out row);

    public static IndexSnapshot Empty(IndexManifest manifest, int dimensions) =>
        new(null, [], VectorMatrix.Empty(dimensions), manifest, [], [], []);

    /// <summary>
    /// Pairs a Lucene reader with vector rows. Takes ownership of <paramref name="reader"/> (closes it on failure).
    /// </summary>
    /// <exception cref="InvalidDataException">The Lucene documents and the vector rows do not match one to one.</exception>
    public static IndexSnapshot Create(DirectoryReader reader, VectorRow[] rows, VectorMatrix matrix, IndexManifest manifest)
    {
        try
        {
            if (matrix.Count != rows.Length)
            {
                throw new InvalidDataException($"The vector file has {rows.Length} rows but {matrix.Count} vectors.");
            }

            if (reader.NumDocs != rows.Length)
            {
                throw new InvalidDataException($"Lucene holds {reader.NumDocs} chunks but the vector file {rows.Length}.");
            }

            var rowByChunkId = new Dictionary<string, int>(rows.Length, StringComparer.Ordinal);
            for (var i = 0; i < rows.Length; i++)
            {
                if (!rowByChunkId.TryAdd(rows[i].ChunkId, i))
                {
                    throw new InvalidDataException($"The vector file holds chunk '{rows[i].ChunkId}' twice.");
                }
            }

            var luceneDocByRow = new int[rows.Length];
            Array.Fill(luceneDocByRow, -1);
            var rowByLuceneDoc = new int[reader.MaxDoc];
            Array.Fill(rowByLuceneDoc, -1);
            var bytes = new BytesRef();
            foreach (var leaf in reader.Leaves)
            {
                var atomic = leaf.AtomicReader;
                var ids = atomic.GetBinaryDocValues(LuceneFields.Id)
                    ?? throw new InvalidDataException("Lucene documents have no chunk ids.");
                var live = atomic.LiveDocs;
                for (var doc = 0; doc < atomic.MaxDoc; doc++)
                {
                    if (live is not null && !live.Get(doc))
                    {
                        continue;
                    }

                    ids.Get(doc, bytes);
                    var chunkId = bytes.Utf8ToString();
                    if (!rowByChunkId.TryGetValue(chunkId, out var row) || luceneDocByRow[row] >= 0)
                    {
                        throw new InvalidDataException($"Lucene chunk '{chunkId}' has no vector, or appears twice.");
                    }

                    luceneDocByRow[row] = leaf.DocBase + doc;
                    rowByLuceneDoc[leaf.DocBase + doc] = row;
                }
            }

            return new IndexSnapshot(reader, rows, matrix, manifest, luceneDocByRow, rowByLuceneDoc, rowByChunkId);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Every live document that has a term in the questions field is a curated answer.</summary>
    private int[] FindCuratedRows() => RowsWithTerms(LuceneFields.Questions);

    private AskVectors ReadAsks()
    {
        var vectors = new List<float>();
        var ranges = new Dictionary<int, (int First, int Count)>();
        foreach (var row in RowsWithTerms(LuceneFields.Asks))
        {
            var first = vectors.Count / Matrix.Dimensions;
            foreach (var ask in KnowledgeIndex.ReadChunk(this, row).AskVectors)
            {
                if (ask.Vector.Length == Matrix.Dimensions)
                {
                    vectors.AddRange(ask.Vector.Span);
                }
            }

            var count = (vectors.Count / Matrix.Dimensions) - first;
            if (count > 0)
            {
                ranges[row] = (first, count);
            }
        }

        return new AskVectors([.. vectors], Matrix.Dimensions, ranges);
    }

    /// <summary>The rows of live documents with a term in <paramref name="field"/>, in row order.</summary>
    private int[] RowsWithTerms(string field)
    {
        if (Reader is null)
        {
            return [];
        }

        var rows = new SortedSet<int>();
        foreach (var leaf in Reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(field);
            if (terms is null)
            {
                continue;
            }

            var live = leaf.AtomicReader.LiveDocs;
            var enumerator = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (enumerator.MoveNext())
            {
                docs = enumerator.Docs(live, docs, DocsFlags.NONE);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    var row = RowByLuceneDoc[leaf.DocBase + doc];
                    if (row >= 0)
                    {
                        rows.Add(row);
                    }
                }
            }
        }

        return [.. rows];
    }

    public bool TryGetRow(string chunkId, out int row) => _rowByChunkId.TryGetValue(chunkId, out row);

    /// <summary>Takes a reference for the duration of a query; false when the snapshot was already retired.</summary>
    public bool TryAcquire() => Reader is null || Reader.TryIncRef();

    public void Release() => Reader?.DecRef();
}
