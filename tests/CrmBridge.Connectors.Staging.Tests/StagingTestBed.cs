using CrmBridge.Sandbox.Staging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>
/// A private schema on the test PostgreSQL, owned by a fresh login role the connector uses (not a superuser, so the role's
/// connection limit can throttle it), the tables created through <see cref="IStagingSchema"/>, and the ERP emulator.
/// </summary>
internal sealed class StagingTestBed : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    private StagingTestBed(string schema, string role)
    {
        Schema = schema;
        Role = role;
    }

    public string Schema { get; }

    public string Role { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-28T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public ServiceProvider Services => _providers[0];

    public IErpConnector Connector => Services.GetRequiredService<IErpConnector>();

    public IRejectionFeed Feedback => Services.GetRequiredService<IRejectionFeed>();

    public StagingErp Erp { get; private set; } = null!;

    public string Staging => $"\"{Schema}\".crm_to_erp_staging";

    public string Outbox => $"\"{Schema}\".erp_outbox";

    public static async Task<StagingTestBed> StartAsync(IDictionary<string, string?>? settings = null, bool pooling = true, params string[] materials)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var bed = new StagingTestBed("stg_" + suffix, "bridge_" + suffix);
        await TestPostgres.ExecuteAsync($"CREATE ROLE {bed.Role} LOGIN; CREATE SCHEMA {bed.Schema} AUTHORIZATION {bed.Role}");
        bed._providers.Add(bed.BuildServices(settings, pooling));
        await bed.Services.GetRequiredService<IStagingSchema>().CreateAsync(CancellationToken.None);
        var erpOptions = new StagingErpOptions { ConnectionString = TestPostgres.ConnectionString, Schema = bed.Schema, RetryDelay = TimeSpan.Zero };
        foreach (var material in materials)
        {
            erpOptions.Materials.Add(material);
        }

        bed.Erp = await StagingErp.StartAsync(erpOptions);
        return bed;
    }

    /// <summary>Builds another bridge host's services (its own connector and connection pool) on the same tables.</summary>
    public ServiceProvider BuildServices(IDictionary<string, string?>? settings = null, bool pooling = true)
    {
        var connection = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Username = Role, Pooling = pooling }.ConnectionString;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Connectors:Staging:ConnectionString"] = connection,
            ["Connectors:Staging:Schema"] = Schema,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values["Connectors:Staging:" + key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddCrmBridgeStagingConnector(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        var provider = services.BuildServiceProvider(validateScopes: true);
        if (_providers.Count > 0)
        {
            _providers.Add(provider);
        }

        return provider;
    }

    public Task ExecuteAsync(string sql) => TestPostgres.ExecuteAsync(sql);

    public Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) => TestPostgres.ScalarAsync<T>(sql, parameters);

    public Task<string?> StatusAsync(string entity, string key) =>
        ScalarAsync<string>($"SELECT status FROM {Staging} WHERE entity_type = @e AND business_key = @k", ("e", entity), ("k", key));

    public static string NewKey(string prefix = "K") => $"{prefix}-{Guid.NewGuid():N}"[..14];

    public async ValueTask DisposeAsync()
    {
        if (Erp is not null)
        {
            await Erp.DisposeAsync();
        }

        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await TestPostgres.ExecuteAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{Role}'; DROP SCHEMA IF EXISTS {Schema} CASCADE; DROP ROLE IF EXISTS {Role}");
    }
}
