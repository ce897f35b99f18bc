using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CrmBridge.Pipeline.Queueing;

/// <summary>
/// Serialises envelopes to queue message text and back. A snapshot that would push the message past
/// <see cref="MaxInlineBytes"/> is stored in the <see cref="IClaimCheckStore"/> and referenced instead (claim check), so
/// the 64 KiB Azure Storage Queue limit is never hit whatever a CRM record weighs.
/// </summary>
public sealed class EnvelopeCodec
{
    /// <summary>
    /// The default inline limit: 48 KiB of UTF-8, which base64-encodes to 64 KiB (the Azure Storage Queue message limit).
    /// </summary>
    public const int DefaultMaxInlineBytes = 48 * 1024;

    /// <summary>The JSON options used for envelopes (camelCase, enums as strings).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly IClaimCheckStore _claimChecks;

    /// <summary>Initializes a new instance of the <see cref="EnvelopeCodec"/> class.</summary>
    /// <param name="claimChecks">Where oversized snapshots go.</param>
    /// <param name="maxInlineBytes">The largest message kept inline.</param>
    public EnvelopeCodec(IClaimCheckStore claimChecks, int maxInlineBytes = DefaultMaxInlineBytes)
    {
        _claimChecks = claimChecks;
        MaxInlineBytes = maxInlineBytes;
    }

    /// <summary>Gets the largest message (UTF-8 bytes) kept inline.</summary>
    public int MaxInlineBytes { get; }

    /// <summary>Serialises an envelope without any claim check (for logs, dead letters and tests).</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(ChangeEnvelope envelope) => JsonSerializer.Serialize(envelope, JsonOptions);

    /// <summary>Deserialises an envelope written by <see cref="Serialize"/> or <see cref="EncodeAsync"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="JsonException">When the text is not an envelope.</exception>
    public static ChangeEnvelope Deserialize(string json) =>
        JsonSerializer.Deserialize<ChangeEnvelope>(json, JsonOptions) ?? throw new JsonException("The message is empty (null).");

    /// <summary>Encodes an envelope as message text, moving an oversized snapshot to the claim-check store.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message text.</returns>
    public async Task<string> EncodeAsync(ChangeEnvelope envelope, CancellationToken cancellationToken)
    {
        // A snapshot loaded from an earlier claim check belongs to the earlier message; this message gets its own.
        var candidate = envelope.Snapshot is not null ? envelope with { SnapshotRef = null } : envelope;
        var text = Serialize(candidate);
        if (Encoding.UTF8.GetByteCount(text) <= MaxInlineBytes || candidate.Snapshot is null)
        {
            return text;
        }

        var payload = Encoding.UTF8.GetBytes(candidate.Snapshot.ToJsonString());
        var reference = await _claimChecks.PutAsync(payload, cancellationToken).ConfigureAwait(false);
        return Serialize(candidate with { Snapshot = null, SnapshotRef = reference });
    }

    /// <summary>Decodes message text, loading a claim-checked snapshot.</summary>
    /// <param name="text">The message text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The envelope with its snapshot (the <see cref="ChangeEnvelope.SnapshotRef"/> is kept so it can be released).</returns>
    public async Task<ChangeEnvelope> DecodeAsync(string text, CancellationToken cancellationToken)
    {
        var envelope = Deserialize(text);
        if (envelope.SnapshotRef is null || envelope.Snapshot is not null)
        {
            return envelope;
        }

        var payload = await _claimChecks.GetAsync(envelope.SnapshotRef, cancellationToken).ConfigureAwait(false);

        // A lost claim check is not fatal: without a snapshot the stage fetches the current record.
        return payload is null ? envelope : envelope with { Snapshot = JsonNode.Parse(payload)?.AsObject() };
    }

    /// <summary>Deletes the claim check of a completed message, if it had one.</summary>
    /// <param name="envelope">The completed envelope.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when released.</returns>
    public Task ReleaseAsync(ChangeEnvelope envelope, CancellationToken cancellationToken) =>
        envelope.SnapshotRef is null ? Task.CompletedTask : _claimChecks.DeleteAsync(envelope.SnapshotRef, cancellationToken);
}
