namespace CrmBridge.Sandbox.Kingdee;

/// <summary>One error of an operation, as <c>ResponseStatus.Errors</c> shows it, with the MsgCode it belongs to.</summary>
internal sealed record KingdeeSandboxError(int MsgCode, string? FieldName, string Message);
