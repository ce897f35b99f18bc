namespace CrmBridge.Sandbox.Zoho;

/// <summary>One <c>field op value</c> comparison of a COQL where clause.</summary>
/// <param name="Field">The field API name.</param>
/// <param name="Operator">=, !=, &gt;, &gt;=, &lt;, &lt;=, <c>is null</c>, <c>is not null</c>.</param>
/// <param name="Value">The literal (quotes removed), or <see langword="null"/> for null checks.</param>
internal sealed record ZohoCoqlCondition(string Field, string Operator, string? Value);
