using System.Security;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// Registers the bridge's webhook in Dataverse through the Web API, as the Plugin Registration Tool would: a Webhook
/// service endpoint (contract 8) with HttpHeader authentication (authtype 5) carrying <see cref="DataverseOptions.WebhookSecret"/>
/// (and the Functions key when configured), asynchronous (mode 1) post-operation (stage 40) steps for Create, Update and
/// Delete per table, the Update step limited to the mapped columns (<c>filteringattributes</c>), and a post image with
/// <c>versionnumber</c> on Create and Update. Idempotent: rows are found by name (<see cref="DataverseRegistrationNames"/>),
/// changed ones updated, missing ones created, none duplicated; <see cref="UnregisterAsync"/> removes exactly those.
/// With <c>dryRun</c> it only reads and reports. Steps cannot exclude a user: the receiver drops events caused by the
/// bridge's own application user instead (<see cref="DataverseOptions.ApplicationUserId"/> or WhoAmI).
/// </summary>
public sealed class DataverseRegistrar
{
    private const string Endpoints = "serviceendpoints";
    private readonly DataverseRegistrationClient _client;
    private readonly DataverseOptions _options;

    internal DataverseRegistrar(DataverseRegistrationClient client, DataverseOptions options)
    {
        _client = client;
        _options = options;
    }

    /// <summary>Gets the systemuserid the connector authenticates as (the WhoAmI function).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The application user's id.</returns>
    public Task<Guid> WhoAmIAsync(CancellationToken cancellationToken) => _client.WhoAmIAsync(cancellationToken);

    /// <summary>Creates or updates the service endpoint, steps and images.</summary>
    /// <param name="url">The webhook URL (the Functions <c>api/webhooks/dataverse</c> route or the standalone host's).</param>
    /// <param name="tables">The tables with their filtering attributes.</param>
    /// <param name="dryRun">Only read and report.</param>
    /// <param name="progress">Receives each change as it is made.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Every change, in order.</returns>
    public async Task<IReadOnlyList<DataverseRegistrationChange>> RegisterAsync(
        Uri url, IReadOnlyList<DataverseStepTarget> tables, bool dryRun, Action<DataverseRegistrationChange> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(progress);
        var changes = new List<DataverseRegistrationChange>();
        void Report(DataverseRegistrationChange change)
        {
            changes.Add(change);
            progress(change);
        }

        var lookups = await DataverseMessageLookup.LoadAsync(_client, tables.Select(t => t.LogicalName), cancellationToken).ConfigureAwait(false);
        var endpointId = await RegisterEndpointAsync(url, dryRun, Report, cancellationToken).ConfigureAwait(false);
        var existing = endpointId is { } id ? await StepsOfAsync(id, cancellationToken).ConfigureAwait(false) : [];
        var steps = new DataverseStepWriter(_client, dryRun, Report);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            foreach (var message in DataverseRegistrationNames.Messages)
            {
                var name = DataverseRegistrationNames.Step(message, table.LogicalName);
                wanted.Add(name);
                var step = new DataverseStepDefinition(name, message, table, lookups.Message(message), lookups.Filter(message, table.LogicalName));
                await steps.EnsureAsync(step, endpointId, existing.FirstOrDefault(s => s["name"]?.ToString() == name), cancellationToken).ConfigureAwait(false);
            }
        }

        // Steps of tables no longer registered (an entity dropped from --entities) go; foreign steps on the endpoint stay.
        foreach (var stale in existing.Where(s => DataverseRegistrationNames.IsOurs(s["name"]?.ToString()) && !wanted.Contains(s["name"]!.ToString())))
        {
            await steps.DeleteAsync(stale, cancellationToken).ConfigureAwait(false);
        }

        return changes;
    }

    /// <summary>Removes the steps (with their images) and the service endpoint CrmBridge created; anything else stays.</summary>
    /// <param name="dryRun">Only read and report.</param>
    /// <param name="progress">Receives each change as it is made.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Every change, in order (empty when nothing was registered).</returns>
    public async Task<IReadOnlyList<DataverseRegistrationChange>> UnregisterAsync(bool dryRun, Action<DataverseRegistrationChange> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var changes = new List<DataverseRegistrationChange>();
        void Report(DataverseRegistrationChange change)
        {
            changes.Add(change);
            progress(change);
        }

        var steps = new DataverseStepWriter(_client, dryRun, Report);
        foreach (var endpoint in await FindEndpointsAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = Guid.Parse(endpoint["serviceendpointid"]!.ToString());
            var foreign = 0;
            foreach (var step in await StepsOfAsync(id, cancellationToken).ConfigureAwait(false))
            {
                if (DataverseRegistrationNames.IsOurs(step["name"]?.ToString()))
                {
                    await steps.DeleteAsync(step, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    foreign++;
                    Report(new DataverseRegistrationChange("keep", "step", step["name"]?.ToString() ?? id.ToString(), "not created by CrmBridge"));
                }
            }

            if (foreign > 0)
            {
                // Dataverse would refuse to delete an endpoint that other steps still use; keep it for them.
                Report(new DataverseRegistrationChange("keep", "serviceendpoint", DataverseRegistrationNames.Endpoint, $"{foreign} step(s) not created by CrmBridge still use it"));
                continue;
            }

            Report(new DataverseRegistrationChange("delete", "serviceendpoint", DataverseRegistrationNames.Endpoint));
            if (!dryRun)
            {
                await _client.DeleteAsync($"{Endpoints}({id})", "deleting the service endpoint", cancellationToken).ConfigureAwait(false);
            }
        }

        return changes;
    }

    private async Task<Guid?> RegisterEndpointAsync(Uri url, bool dryRun, Action<DataverseRegistrationChange> report, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = DataverseRegistrationNames.Endpoint,
            ["description"] = DataverseRegistrationNames.Description,
            ["url"] = url.ToString(),
            ["contract"] = 8,
            ["authtype"] = 5,
            ["authvalue"] = AuthValue(),
        };
        var found = (await FindEndpointsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (found is null)
        {
            report(new DataverseRegistrationChange("create", "serviceendpoint", DataverseRegistrationNames.Endpoint, $"{url}, HttpHeader {_options.WebhookHeaderName}"));
            return dryRun ? null : await _client.PostAsync(Endpoints, body, "creating the service endpoint", null, cancellationToken).ConfigureAwait(false);
        }

        // authvalue cannot be read back (IsValidForRead false), so the endpoint is always re-sent: the key may have been rotated.
        var id = Guid.Parse(found["serviceendpointid"]!.ToString());
        var detail = found["url"]?.ToString() == url.ToString() ? "key re-sent" : $"url {found["url"]} -> {url}, key re-sent";
        report(new DataverseRegistrationChange("update", "serviceendpoint", DataverseRegistrationNames.Endpoint, detail));
        if (!dryRun)
        {
            await _client.PatchAsync($"{Endpoints}({id})", body, "updating the service endpoint", cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    private string AuthValue()
    {
        if (string.IsNullOrEmpty(_options.WebhookSecret))
        {
            throw new ConnectorException(_options.System, ErrorKind.Permanent, "NO_WEBHOOK_SECRET",
                $"{_options.System}: {DataverseOptions.SectionName}:WebhookSecret is not configured; the webhook must carry it (set it from the environment or Key Vault, the same value the receiver checks).");
        }

        var settings = new List<(string Name, string Value)> { (_options.WebhookHeaderName, _options.WebhookSecret) };
        if (!string.IsNullOrEmpty(_options.WebhookFunctionKey))
        {
            settings.Add(("x-functions-key", _options.WebhookFunctionKey));
        }

        return "<settings>" + string.Concat(settings.Select(s => $"<setting name=\"{SecurityElement.Escape(s.Name)}\" value=\"{SecurityElement.Escape(s.Value)}\" />")) + "</settings>";
    }

    private Task<List<JsonObject>> FindEndpointsAsync(CancellationToken cancellationToken) =>
        _client.ListAsync($"{Endpoints}?$select=serviceendpointid,name,url&$filter={Uri.EscapeDataString($"name eq '{DataverseRegistrationNames.Endpoint}' and contract eq 8")}",
            "looking up the service endpoint", cancellationToken);

    private Task<List<JsonObject>> StepsOfAsync(Guid endpointId, CancellationToken cancellationToken) =>
        _client.ListAsync($"sdkmessageprocessingsteps?$select=sdkmessageprocessingstepid,name,mode,stage,filteringattributes&$filter={Uri.EscapeDataString($"_eventhandler_value eq {endpointId}")}",
            "listing the steps of the service endpoint", cancellationToken);
}
