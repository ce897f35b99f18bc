namespace CrmBridge.Connectors.Kingdee;

/// <summary>One entry of <c>ResponseStatus.SuccessEntitys</c>: <c>{"Id","Number","DIndex"}</c>.</summary>
internal sealed record KingdeeSuccessEntity(string? Id, string? Number, int DIndex);
