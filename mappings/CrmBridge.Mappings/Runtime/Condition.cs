using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Runtime;

/// <summary>A compiled filter / when condition and its text (reported when it excludes a record).</summary>
/// <param name="Test">The compiled test.</param>
/// <param name="Text">The condition as admins read it, e.g. <c>Status in [Confirmed, Approved]</c>.</param>
internal sealed record Condition(Func<JsonObject, bool> Test, string Text);
