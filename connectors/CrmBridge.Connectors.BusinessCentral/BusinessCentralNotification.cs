namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>One parsed notification of a webhook call.</summary>
/// <param name="ClientState">The clientState it carried.</param>
/// <param name="Entity">The entity set of the resource.</param>
/// <param name="Id">The record id, or <see langword="null"/> for <c>collection</c>.</param>
/// <param name="ChangeType">created, updated, deleted or collection.</param>
/// <param name="LastModified">The notification's lastModifiedDateTime.</param>
/// <param name="LastModifiedText">The same as Business Central wrote it (the record version, compared with what reads return).</param>
/// <param name="FilterSince">For <c>collection</c>: the instant of the resource's <c>lastModifiedDateTime gt</c> filter.</param>
internal sealed record BusinessCentralNotification(string? ClientState, string Entity, string? Id, string ChangeType, DateTimeOffset? LastModified, string? LastModifiedText, DateTimeOffset? FilterSince);
