using CrmBridge.Sandbox.Erp;
using CrmBridge.Testing.EndToEnd;

namespace CrmBridge.Testing.SyncStatus;

/// <content>The pipeline every CRM's run shares: a <see cref="PipelineBed"/> (SQLite, the reference ERP, the CRM's mappings), no host.</content>
public abstract partial class SyncStatusContract
{
    private readonly PipelineBed _bed = new("status");

    /// <summary>Gets the reference ERP emulator the orders are delivered to.</summary>
    protected ErpSandbox Erp => _bed.Erp;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await StartCrmAsync();
        await _bed.BuildAsync(MappingsDirectory, AddCrmConnector);
        Services = _bed.Services;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        await StopCrmAsync();
    }
}
