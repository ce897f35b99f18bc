using System.Text.Json.Nodes;

namespace CrmBridge.Testing.Connectors;

/// <summary>Describes, per connector, the entity and documents the contract suite uses.</summary>
public sealed record ConnectorContractSpec
{
    /// <summary>Gets the entity to exercise (customers/accounts: every system has one).</summary>
    public required string Entity { get; init; }

    /// <summary>Gets the key field upserts use (alternate key / external id / duplicate-check field).</summary>
    public required string KeyField { get; init; }

    /// <summary>Gets a valid new record for a key; must carry <see cref="NameField"/> set to the given name.</summary>
    public required Func<string, string, JsonObject> NewRecord { get; init; }

    /// <summary>Gets a record the system rejects as invalid (a validation error, permanent).</summary>
    public required Func<string, JsonObject> InvalidRecord { get; init; }

    /// <summary>Gets the field (as read back) that holds the name written by <see cref="NewRecord"/>.</summary>
    public required string NameField { get; init; }

    /// <summary>Gets whether the connector supports deletes (some ERPs only deactivate).</summary>
    public bool SupportsDelete { get; init; } = true;
}
