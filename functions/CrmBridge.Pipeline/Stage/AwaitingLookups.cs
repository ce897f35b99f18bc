using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Pipeline.Stage;

/// <summary>A route whose mapping lacks cross-references: what the preparer needs to map it again once they are synced.</summary>
/// <param name="Record">The source record.</param>
/// <param name="Ledger">The route's ledger entry for the record, when there was one.</param>
/// <param name="Version">The source version being mapped.</param>
/// <param name="Missing">The lookups the mapper could not resolve (after loading the store).</param>
internal sealed record AwaitingLookups(SourceRecord Record, LedgerEntry? Ledger, string? Version, IReadOnlyList<MissingLookup> Missing);
