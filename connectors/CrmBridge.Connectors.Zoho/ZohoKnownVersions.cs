using System.Buffers.Binary;
using System.Globalization;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Record versions (id, Modified_Time) the full scan returned that were already <em>final</em> when it read them: their
/// second had closed (Zoho's clock minus the overlap had passed it), so no later edit can carry the same Modified_Time.
/// The incremental polls that follow the scan start at the scan's start and list these records again; a listed row whose
/// id and Modified_Time are known is not fetched by id again. Packed in the checkpoint as 12 bytes per entry (the numeric
/// id and the Unix second), at most <see cref="MaxEntries"/>: beyond that a version is simply read again.
/// </summary>
internal sealed class ZohoKnownVersions
{
    /// <summary>The most entries kept (about 80,000 checkpoint characters).</summary>
    public const int MaxEntries = 5000;

    private const int EntryBytes = sizeof(long) + sizeof(uint);

    private readonly HashSet<(long Id, long Second)> _entries = [];

    /// <summary>Gets the number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Reads the packed form (<see langword="null"/>, empty or unreadable: no entries).</summary>
    /// <param name="packed">The packed entries.</param>
    /// <returns>The set.</returns>
    public static ZohoKnownVersions Parse(string? packed)
    {
        var known = new ZohoKnownVersions();
        if (string.IsNullOrEmpty(packed))
        {
            return known;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(packed);
        }
        catch (FormatException)
        {
            return known; // not ours: no version is skipped, every listed row is read again
        }

        for (var at = 0; at + EntryBytes <= bytes.Length; at += EntryBytes)
        {
            known._entries.Add((BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(at)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + sizeof(long)))));
        }

        return known;
    }

    /// <summary>Adds a final version; ids that are not numbers and entries past <see cref="MaxEntries"/> are not kept.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="modified">Its Modified_Time.</param>
    public void Add(string id, DateTimeOffset modified)
    {
        if (_entries.Count < MaxEntries && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            _entries.Add((number, modified.ToUnixTimeSeconds()));
        }
    }

    /// <summary>Whether this exact version was returned final.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="modified">The Modified_Time a query lists.</param>
    /// <returns><see langword="true"/> when the version is known.</returns>
    public bool Contains(string id, DateTimeOffset modified) =>
        _entries.Count > 0 && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && _entries.Contains((number, modified.ToUnixTimeSeconds()));

    /// <summary>Drops the entries older than the watermark: a poll never lists them again.</summary>
    /// <param name="floor">The watermark (inclusive).</param>
    public void DropBefore(DateTimeOffset floor)
    {
        var second = floor.ToUnixTimeSeconds();
        _entries.RemoveWhere(e => e.Second < second);
    }

    /// <summary>Packs the entries (<see langword="null"/> when there are none).</summary>
    /// <returns>Base64 of 12 bytes per entry.</returns>
    public string? Pack()
    {
        if (_entries.Count == 0)
        {
            return null;
        }

        var bytes = new byte[_entries.Count * EntryBytes];
        var at = 0;
        foreach (var (id, second) in _entries.OrderBy(e => e.Second).ThenBy(e => e.Id))
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at), id);
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + sizeof(long)), (uint)second);
            at += EntryBytes;
        }

        return Convert.ToBase64String(bytes);
    }
}
