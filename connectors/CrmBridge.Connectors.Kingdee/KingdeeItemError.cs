namespace CrmBridge.Connectors.Kingdee;

/// <summary>One entry of <c>ResponseStatus.Errors</c>: <c>{"FieldName","Message","DIndex"}</c>.</summary>
/// <param name="FieldName">The field the error names, when it names one.</param>
/// <param name="Message">The server's message (often Chinese).</param>
/// <param name="DIndex">The index in a BatchSave <c>Model[]</c> (or in <c>Ids</c>), when given.</param>
internal sealed record KingdeeItemError(string? FieldName, string Message, int? DIndex);
