using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.StatusWriteback;

/// <summary>
/// What the bridge last wrote to one record's status fields for one route, kept in the write-echo store under an entity
/// of its own (<c>sync-status:{route}</c>), so no new storage is needed. It serves three checks: the change event a status
/// write causes is the bridge's own echo (<see cref="IsEchoOf"/>); a repeated failed/pending status is not written again
/// (<see cref="DocumentHash"/>); an outcome older than the one written is dropped (<see cref="At"/>).
/// </summary>
/// <param name="Kind">The status written.</param>
/// <param name="DocumentHash">The hash of the fields written, without the time.</param>
/// <param name="ContentHash">The hash of the mapped document the status reported on, or <see langword="null"/> (a mapping failure).</param>
/// <param name="Version">The record's version after the status write, when the CRM returned it.</param>
/// <param name="At">When the outcome written happened.</param>
internal sealed record StatusMemory(SyncStatusKind Kind, string DocumentHash, string? ContentHash, string? Version, DateTimeOffset At)
{
    private const string EntityPrefix = "sync-status:";

    /// <summary>Gets the key the memory of a route and record is stored under.</summary>
    public static RecordRef RefOf(SyncRoute route, string recordId) => new(route.SourceSystem, EntityPrefix + route.Name, recordId);

    /// <summary>Reads a memory back from its echo entry.</summary>
    public static StatusMemory? From(WriteEcho? echo)
    {
        var parts = echo?.ContentHash.Split('|');
        return parts is { Length: 3 } && Enum.TryParse<SyncStatusKind>(parts[0], out var kind)
            ? new StatusMemory(kind, parts[1], parts[2].Length == 0 ? null : parts[2], echo!.Version, echo.WrittenAt)
            : null;
    }

    /// <summary>Stores the memory as an echo entry.</summary>
    public WriteEcho ToEcho(RecordRef key) => new(key, Version, $"{Kind}|{DocumentHash}|{ContentHash}", At);

    /// <summary>
    /// Whether a change of the record is the event of this status write: the record is still at the version the write
    /// produced, and what it maps to is what the status reported on (or it still fails mapping). A user's edit in the
    /// same second (versions by modification time) that changes mapped content therefore still syncs.
    /// Both hashes absent means the record failed mapping (or waited for a reference) both times.
    /// </summary>
    /// <param name="version">The record's version as read.</param>
    /// <param name="contentHash">The hash of its mapped document, or <see langword="null"/> when it did not map.</param>
    public bool IsEchoOf(string? version, string? contentHash) =>
        Version is not null && version is not null && VersionComparer.Instance.Compare(version, Version) == 0
        && contentHash == ContentHash;
}
