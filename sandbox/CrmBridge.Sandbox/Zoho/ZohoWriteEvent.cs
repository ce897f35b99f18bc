namespace CrmBridge.Sandbox.Zoho;

/// <summary>A change the emulator made, for notification callbacks.</summary>
/// <param name="Module">The module.</param>
/// <param name="Operation"><c>insert</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Id">The record id.</param>
/// <param name="Fields">The fields an update changed.</param>
/// <param name="Values">The changed fields with their new values (for <c>affected_values</c>).</param>
internal sealed record ZohoWriteEvent(string Module, string Operation, string Id, IReadOnlyList<string> Fields, System.Text.Json.Nodes.JsonObject? Values = null);
