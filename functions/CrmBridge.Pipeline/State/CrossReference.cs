using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.State;

/// <summary>Says that two records in two systems are the same thing (a CRM account and an ERP customer).</summary>
/// <param name="Left">One record.</param>
/// <param name="Right">The other record.</param>
public sealed record CrossReference(RecordRef Left, RecordRef Right);
