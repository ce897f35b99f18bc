namespace CrmBridge.Cli.Crm;

/// <summary>The arguments of <c>crmbridge dataverse register</c>.</summary>
/// <param name="Url">The webhook endpoint.</param>
/// <param name="Entities">The entity names to register.</param>
/// <param name="DryRun">Change nothing.</param>
/// <param name="StatusColumns">Create the status columns too.</param>
/// <param name="Prefix">The status columns' publisher prefix.</param>
/// <param name="Solution">The solution the columns go to, or <see langword="null"/>.</param>
internal sealed record DataverseRegisterRequest(Uri Url, IReadOnlyList<string> Entities, bool DryRun, bool StatusColumns, string Prefix, string? Solution);
