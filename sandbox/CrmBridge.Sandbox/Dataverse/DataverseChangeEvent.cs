using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>A committed create/update/delete, as the webhook dispatcher sees it.</summary>
/// <param name="MessageName"><c>Create</c>, <c>Update</c> or <c>Delete</c>.</param>
/// <param name="Schema">The table.</param>
/// <param name="Id">The record id.</param>
/// <param name="UserId">The user who made the change.</param>
/// <param name="Target">The written columns (the Target input parameter).</param>
/// <param name="PostImage">The record after the change (none for deletes).</param>
/// <param name="CorrelationId">The request's correlation id.</param>
public sealed record DataverseChangeEvent(
    string MessageName,
    DataverseTableSchema Schema,
    Guid Id,
    Guid UserId,
    JsonObject Target,
    JsonObject? PostImage,
    Guid CorrelationId);
