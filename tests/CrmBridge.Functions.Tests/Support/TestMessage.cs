namespace CrmBridge.Functions.Tests.Support;

/// <summary>A queue message as the trigger binds it.</summary>
public sealed record TestMessage(string Id, string Text, int DequeueCount);
