namespace Chatbot.Knowledge.Indexing;

/// <summary>Restricts a dense search to rows of one collection, or lets every row through.</summary>
internal readonly struct RowFilter
{
    private readonly byte[]? _rowCollections;
    private readonly byte _collection;

    private RowFilter(byte[] rowCollections, byte collection)
    {
        _rowCollections = rowCollections;
        _collection = collection;
    }

    public static RowFilter All => default;

    public static RowFilter Collection(byte[] rowCollections, byte collection) => new(rowCollections, collection);

    public bool Includes(int row) => _rowCollections is null || _rowCollections[row] == _collection;
}
