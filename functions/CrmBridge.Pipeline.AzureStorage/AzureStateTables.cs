using Azure.Data.Tables;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>The state tables, one per concern, named <c>{prefix}{concern}</c>.</summary>
internal sealed class AzureStateTables
{
    public AzureStateTables(TableServiceClient service, string prefix)
    {
        Checkpoints = service.GetTableClient(prefix + "checkpoints");
        Ledger = service.GetTableClient(prefix + "ledger");
        CrossReferences = service.GetTableClient(prefix + "crossrefs");
        Echoes = service.GetTableClient(prefix + "echoes");
        DeadLetters = service.GetTableClient(prefix + "deadletters");
        SyncLog = service.GetTableClient(prefix + "synclog");
        Leases = service.GetTableClient(prefix + "leases");
    }

    public TableClient Checkpoints { get; }

    public TableClient Ledger { get; }

    public TableClient CrossReferences { get; }

    public TableClient Echoes { get; }

    public TableClient DeadLetters { get; }

    public TableClient SyncLog { get; }

    public TableClient Leases { get; }

    public IReadOnlyList<TableClient> All => [Checkpoints, Ledger, CrossReferences, Echoes, DeadLetters, SyncLog, Leases];
}
