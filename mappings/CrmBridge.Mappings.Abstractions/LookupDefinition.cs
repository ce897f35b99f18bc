namespace CrmBridge.Mappings.Abstractions;

/// <summary>
/// A named cross-reference lookup used by field rules (<c>lookup: customer</c>): a source id of
/// <see cref="SourceSystem"/>/<see cref="SourceEntity"/> resolves to the id of the synced record in
/// <see cref="TargetSystem"/>/<see cref="TargetEntity"/>.
/// </summary>
/// <param name="Name">The lookup name used in mapping files.</param>
/// <param name="SourceSystem">The system of the referenced record.</param>
/// <param name="SourceEntity">The entity of the referenced record.</param>
/// <param name="TargetSystem">The system whose id the lookup returns.</param>
/// <param name="TargetEntity">The entity whose id the lookup returns.</param>
public sealed record LookupDefinition(string Name, string SourceSystem, string SourceEntity, string TargetSystem, string TargetEntity);
