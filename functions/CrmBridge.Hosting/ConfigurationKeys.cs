using CrmBridge.Pipeline;
using CrmBridge.Pipeline.AzureStorage;
using CrmBridge.Pipeline.Sqlite;

namespace CrmBridge.Hosting;

/// <summary>
/// The configuration keys the hosts read, defined once. Both hosts read the same keys (the Functions app from app
/// settings, where <c>:</c> is written <c>__</c>; <c>crmbridge run</c> from <c>crmbridge.json</c> and <c>CRMBRIDGE_</c>
/// environment variables). Defaults and meaning: the configuration table (README); which constant is which key:
/// docs/adding-a-connector.md.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>The folder of the mapping files (e.g. <c>mappings/dataverse</c>); required by every host that syncs.</summary>
    public const string MappingsPath = "Mappings:Path";

    /// <summary>The list of <see cref="Pipeline.Hosting.PollTarget"/> entries (<c>Polling:Targets:N:System</c>, <c>:Entity</c>, <c>:Interval</c>).</summary>
    public const string PollingTargets = "Polling:Targets";

    /// <summary>The Functions app's poll timer schedule (NCRONTAB, read by the trigger as <c>%PollSchedule%</c>).</summary>
    public const string PollSchedule = "PollSchedule";

    /// <summary>The changes queue name (read by the Functions triggers as <c>%QueueName%</c> and by the Azure adapter).</summary>
    public const string QueueName = "QueueName";

    /// <summary>The storage provider of the standalone host: <c>Sqlite</c> or <c>Azure</c> (see <see cref="StorageProviders"/>).</summary>
    public const string StorageProvider = "Storage:Provider";

    /// <summary>The embedded SQLite adapter's section.</summary>
    public const string StorageSqlite = SqliteStorageOptions.SectionName;

    /// <summary>The SQLite database file.</summary>
    public const string StorageSqlitePath = StorageSqlite + ":Path";

    /// <summary>The Azure Storage adapter's section.</summary>
    public const string StorageAzure = AzureStorageOptions.SectionName;

    /// <summary>The Azure Storage connection string (e.g. <c>UseDevelopmentStorage=true</c>).</summary>
    public const string StorageAzureConnectionString = StorageAzure + ":ConnectionString";

    /// <summary>The Azure Storage queue service URI (identity-based access).</summary>
    public const string StorageAzureQueueServiceUri = StorageAzure + ":QueueServiceUri";

    /// <summary>The Functions host's storage connection (<c>AzureWebJobsStorage</c>, or its <c>__queueServiceUri</c> etc.).</summary>
    public const string HostStorage = "AzureWebJobsStorage";

    /// <summary>The pipeline's options section (<c>PipelineOptions</c>).</summary>
    public const string Pipeline = PipelineOptions.SectionName;

    /// <summary>The section above every connector's section (<c>Connectors:Erp</c>, <c>Connectors:Zoho</c>, …).</summary>
    public const string Connectors = "Connectors";

    /// <summary>The OTLP endpoint <c>crmbridge run</c> exports the pipeline's metrics to (e.g. <c>http://localhost:4317</c>); unset = no export.</summary>
    public const string TelemetryOtlpEndpoint = "Telemetry:OtlpEndpoint";

    /// <summary>The alerts section (rules, limits, channels; docs/alerts.md).</summary>
    public const string Alerts = CrmBridge.Alerts.AlertsOptions.SectionName;

    /// <summary>The logging section (levels per category).</summary>
    public const string Logging = "Logging";
}
