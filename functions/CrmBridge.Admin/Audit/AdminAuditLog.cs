using System.Globalization;
using System.Text.Json;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Admin.Audit;

/// <summary>
/// The audit log of replays, dismissals and repairs, kept in the state store both hosts share: one checkpoint-store row
/// per entry under the reserved system <see cref="CheckpointSystem"/> (as circuits and poll health are kept), so it
/// works on SQLite and Azure Tables alike. The oldest entries beyond <see cref="AdminOptions.AuditEntries"/> are deleted.
/// </summary>
public sealed class AdminAuditLog
{
    /// <summary>The reserved checkpoint system the entries are stored under.</summary>
    public const string CheckpointSystem = "#admin-audit";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ICheckpointStore _store;
    private readonly TimeProvider _time;
    private readonly AdminOptions _options;
    private readonly ILogger<AdminAuditLog> _logger;

    /// <summary>Initializes a new instance of the <see cref="AdminAuditLog"/> class.</summary>
    /// <param name="store">The state store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The admin options.</param>
    /// <param name="logger">The logger.</param>
    public AdminAuditLog(ICheckpointStore store, TimeProvider time, IOptions<AdminOptions> options, ILogger<AdminAuditLog> logger)
    {
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Records an action.</summary>
    /// <param name="user">Who.</param>
    /// <param name="action">What.</param>
    /// <param name="target">On what (ids, never record contents).</param>
    /// <param name="count">How many records.</param>
    /// <param name="note">The admin's note.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry.</returns>
    public async Task<AuditEntry> AddAsync(string user, string action, string target, int count, string? note, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(_time.GetUtcNow(), user, action, target.Length > 2000 ? target[..2000] + "…" : target, count, note is { Length: > 2000 } ? note[..2000] : note);
        // Sortable, unique row key: ticks then a random suffix (two admins in the same tick still get two rows).
        var key = entry.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        if (await _store.SaveCheckpointAsync(CheckpointSystem, key, JsonSerializer.Serialize(entry, Json), null, cancellationToken).ConfigureAwait(false) is null)
        {
            AdminLog.AuditConflict(_logger, action, target);
        }

        await TrimAsync(cancellationToken).ConfigureAwait(false);
        AdminLog.Action(_logger, action, entry.Target.Length > 200 ? entry.Target[..200] + "…" : entry.Target, count);
        return entry;
    }

    /// <summary>Lists entries, newest first.</summary>
    /// <param name="target">Only entries naming this id, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? target, CancellationToken cancellationToken)
    {
        var rows = await Rows(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderByDescending(r => r.Key, StringComparer.Ordinal)
            .Select(r => JsonSerializer.Deserialize<AuditEntry>(r.Value, Json)!)
            .Where(e => target is null || e.Target.Split(',').Contains(target, StringComparer.Ordinal))];
    }

    private async Task<List<(string Key, string Value)>> Rows(CancellationToken cancellationToken) =>
        [.. (await _store.ListCheckpointsAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => c.System == CheckpointSystem).Select(c => (c.Entity, c.Checkpoint.Value))];

    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        var rows = await Rows(cancellationToken).ConfigureAwait(false);
        foreach (var (key, _) in rows.OrderByDescending(r => r.Key, StringComparer.Ordinal).Skip(_options.AuditEntries))
        {
            await _store.DeleteCheckpointAsync(CheckpointSystem, key, cancellationToken).ConfigureAwait(false);
        }
    }
}
