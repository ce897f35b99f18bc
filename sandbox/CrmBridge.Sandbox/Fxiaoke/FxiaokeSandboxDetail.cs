namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>A master/detail relation the emulator maintains.</summary>
/// <param name="ApiName">The detail object's API name.</param>
/// <param name="MasterField">The detail field holding the master's _id.</param>
public sealed record FxiaokeSandboxDetail(string ApiName, string MasterField);
