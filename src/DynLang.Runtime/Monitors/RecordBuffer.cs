using System;

namespace DynLang.Runtime;

/// <summary>
/// An append-only array for monitor records: capacity doubles when full (amortised O(1) per
/// record, no allocation between growths), and <see cref="Reserve"/> sizes it up front.
/// </summary>
internal sealed class RecordBuffer<T>
{
    private const int MinimumCapacity = 256;
    private T[] _items = Array.Empty<T>();

    /// <summary>Records held.</summary>
    public int Count { get; private set; }

    /// <summary>Current capacity (records that fit before the next growth).</summary>
    public int Capacity => _items.Length;

    /// <summary>The records, oldest first.</summary>
    public ReadOnlySpan<T> Span => _items.AsSpan(0, Count);

    /// <summary>Appends one record.</summary>
    public void Add(T item)
    {
        if (Count == _items.Length) Grow(Count + 1);
        _items[Count++] = item;
    }

    /// <summary>Appends <paramref name="items"/>.</summary>
    /// <summary>Forgets the records (keeps the storage).</summary>
    public void Clear() => Count = 0;

    public void AddRange(ReadOnlySpan<T> items)
    {
        items.CopyTo(Append(items.Length));
    }

    /// <summary>Appends <paramref name="count"/> records and returns them to be filled in.</summary>
    public Span<T> Append(int count)
    {
        if (count > _items.Length - Count) Grow((long)Count + count);
        Span<T> slots = _items.AsSpan(Count, count);
        Count += count;
        return slots;
    }

    /// <summary>Makes room for at least <paramref name="capacity"/> records in total.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > _items.Length) Resize(capacity);
    }

    private void Grow(long needed)
    {
        if (needed > Array.MaxLength)
            throw new InvalidOperationException($"A monitor cannot hold more than {Array.MaxLength} records of {typeof(T).Name} in memory.");
        long doubled = Math.Max(MinimumCapacity, 2L * _items.Length);
        Resize((int)Math.Min(Array.MaxLength, Math.Max(needed, doubled)));
    }

    private void Resize(int capacity)
    {
        var bigger = new T[capacity];
        Span.CopyTo(bigger);
        _items = bigger;
    }
}
