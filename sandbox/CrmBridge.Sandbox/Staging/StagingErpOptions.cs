namespace CrmBridge.Sandbox.Staging;

/// <summary>Options of the staging-table ERP emulator (<see cref="StagingErp"/>).</summary>
public sealed class StagingErpOptions
{
    /// <summary>Gets or sets the PostgreSQL connection string (the ERP's own login; it needs no special rights). Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the schema holding the staging and outbox tables; the ERP keeps its own tables there too.</summary>
    /// <value>Default <c>public</c>.</value>
    public string Schema { get; set; } = "public";

    /// <summary>Gets or sets the staging table's name.</summary>
    /// <value>Default <c>crm_to_erp_staging</c>.</value>
    public string StagingTable { get; set; } = "crm_to_erp_staging";

    /// <summary>Gets or sets the outbox table's name.</summary>
    /// <value>Default <c>erp_outbox</c>.</value>
    public string OutboxTable { get; set; } = "erp_outbox";

    /// <summary>Gets or sets how many pending rows one job run claims.</summary>
    /// <value>Default 50 (as in ERP-FACTS' claim statement).</value>
    public int ClaimSize { get; set; } = 50;

    /// <summary>Gets or sets the job's name, written to <c>locked_by</c> while it processes a row.</summary>
    /// <value>Default <c>erp-job</c> plus a random suffix.</value>
    public string Worker { get; set; } = "erp-job-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Gets or sets how often a row whose customer is still pending is put back before it is rejected.</summary>
    /// <value>Default 5.</value>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets how long a row whose customer is still pending waits before the next attempt.</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets after how long a row left in <c>processing</c> (a job that stopped mid-run) is claimed again.</summary>
    /// <value>Default 1 minute.</value>
    public TimeSpan StaleClaimAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the material (物料) codes the ERP knows at start; order lines with other SKUs are rejected.</summary>
    public IList<string> Materials { get; } = [];

    internal string Table(string name) => $"\"{Schema}\".\"{name}\"";

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("StagingErpOptions.ConnectionString is required.", nameof(ConnectionString));
        }

        foreach (var name in new[] { Schema, StagingTable, OutboxTable })
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]{0,62}$"))
            {
                throw new ArgumentException($"'{name}' is not a plain SQL identifier.", nameof(Schema));
            }
        }
    }
}
