namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>One field of an emulated object's describe.</summary>
/// <param name="Name">The field API name.</param>
/// <param name="Kind">The value kind.</param>
/// <param name="Required">Whether creates must carry it.</param>
/// <param name="Options">Option values of a single-select.</param>
/// <param name="Target">The object a lookup points to.</param>
internal sealed record FxiaokeField(string Name, FxiaokeFieldKind Kind, bool Required = false, IReadOnlyList<string>? Options = null, string? Target = null);
