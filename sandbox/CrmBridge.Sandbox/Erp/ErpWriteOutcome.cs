using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Erp;

/// <summary>The outcome of a write to the store: the record (and whether it was created), or an error.</summary>
/// <param name="Record">A copy of the record after the write.</param>
/// <param name="Created">Whether the write created the record.</param>
/// <param name="Error">The error, when the write was rejected.</param>
internal sealed record ErpWriteOutcome(JsonObject? Record, bool Created, ErpError? Error)
{
    public static ErpWriteOutcome Fail(ErpError error) => new(null, false, error);

    /// <summary>Gets the HTTP status of the outcome (201, 200 or the error's).</summary>
    public int Status => Error?.Status ?? (Created ? 201 : 200);
}
