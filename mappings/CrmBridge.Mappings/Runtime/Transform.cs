namespace CrmBridge.Mappings.Runtime;

/// <summary>One compiled transform of a field rule; returns <see langword="false"/> after recording an error.</summary>
/// <param name="cell">The value, replaced by the transformed value.</param>
/// <param name="run">The current map call.</param>
/// <param name="field">The field rule (for error messages).</param>
internal delegate bool Transform(ref Cell cell, MapRun run, FieldPlan field);
