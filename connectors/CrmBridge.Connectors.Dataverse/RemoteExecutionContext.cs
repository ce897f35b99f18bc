namespace CrmBridge.Connectors.Dataverse;

/// <summary>The parts of a webhook's RemoteExecutionContext CrmBridge uses.</summary>
/// <param name="MessageName"><c>Create</c>, <c>Update</c>, <c>Delete</c> (others are ignored).</param>
/// <param name="PrimaryEntityName">The table's logical name.</param>
/// <param name="PrimaryEntityId">The record id.</param>
/// <param name="CorrelationId">Dataverse's correlation id.</param>
/// <param name="UserId">The user the operation ran as.</param>
/// <param name="InitiatingUserId">The user who started it.</param>
/// <param name="OperationCreatedOn">When the operation ran.</param>
/// <param name="RowVersion">The row version after the operation, when the message carries it.</param>
internal readonly record struct RemoteExecutionContext(
    string MessageName,
    string PrimaryEntityName,
    Guid PrimaryEntityId,
    string? CorrelationId,
    Guid? UserId,
    Guid? InitiatingUserId,
    DateTimeOffset? OperationCreatedOn,
    string? RowVersion);
