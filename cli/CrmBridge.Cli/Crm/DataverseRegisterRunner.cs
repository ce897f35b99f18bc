using System.Text.RegularExpressions;
using CrmBridge.Connectors.Dataverse;
using CrmBridge.Hosting;
using CrmBridge.Mappings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Cli.Crm;

/// <summary>
/// Runs <c>dataverse register</c>: reads the mappings to find which entities are route sources and which columns they
/// read (the Update steps' filtering attributes, never the status columns), registers the steps, optionally creates the
/// status columns, and checks the bridge's application user with WhoAmI.
/// </summary>
internal sealed partial class DataverseRegisterRunner
{
    private readonly IServiceProvider _services;
    private readonly IConfiguration _configuration;
    private readonly TextWriter _output;
    private readonly DataverseOptions _options;

    public DataverseRegisterRunner(IServiceProvider services, IConfiguration configuration, TextWriter output)
    {
        _services = services;
        _configuration = configuration;
        _output = output;
        _options = services.GetRequiredService<IOptions<DataverseOptions>>().Value;
    }

    public static string Summary(IReadOnlyList<DataverseRegistrationChange> changes, bool dryRun)
    {
        var counts = changes.GroupBy(c => c.Action).Select(g => $"{g.Count()} {g.Key}");
        return (dryRun ? "Dry run, nothing changed: " : "Done: ") + string.Join(", ", counts) + ".";
    }

    public async Task<int> RunAsync(DataverseRegisterRequest request, CancellationToken cancellationToken)
    {
        if (!Prefix().IsMatch(request.Prefix))
        {
            throw new CliException($"--prefix '{request.Prefix}' is not a customization prefix (2-8 letters or digits, starting with a letter, e.g. crmb).");
        }

        if (!request.Url.IsLoopback && (request.Url.Scheme != Uri.UriSchemeHttps || !request.Url.IsDefaultPort))
        {
            throw new CliException($"--url {request.Url}: Dataverse calls webhooks on https port 443 (or http port 80) only; give the public https address of the endpoint.");
        }

        var mappings = MappingLoader.LoadDirectory(HostingConfiguration.MappingsPath(_configuration)).GetSetOrThrow();
        var excluded = DataverseStatusColumns.Names(request.Prefix);
        var tables = new List<DataverseStepTarget>();
        foreach (var entity in request.Entities)
        {
            if (!_options.Entities.TryGetValue(entity, out var options))
            {
                throw new CliException($"--entities: '{entity}' is not under {DataverseOptions.SectionName}:Entities (configured: {string.Join(", ", _options.Entities.Keys)}).");
            }

            var routes = mappings.Routes.Where(r => string.Equals(r.SourceSystem, _options.System, StringComparison.OrdinalIgnoreCase)
                && string.Equals(r.SourceEntity, entity, StringComparison.OrdinalIgnoreCase)).ToList();
            if (routes.Count == 0)
            {
                await _output.WriteLineAsync($"skip {entity}: no mapping reads {_options.System}/{entity}").ConfigureAwait(false);
                continue;
            }

            tables.Add(new DataverseStepTarget(entity, options.LogicalName,
                DataverseFilteringAttributes.From(routes.SelectMany(mappings.SourceFields), options, excluded)));
        }

        if (tables.Count == 0)
        {
            throw new CliException($"No mapping under {HostingConfiguration.MappingsPath(_configuration)} reads any of --entities {string.Join(",", request.Entities)} from {_options.System}: nothing to register.");
        }

        var changes = new List<DataverseRegistrationChange>();
        void Print(DataverseRegistrationChange change) => _output.WriteLine(change.ToLine(request.DryRun));
        var registrar = _services.GetRequiredService<DataverseRegistrar>();
        changes.AddRange(await registrar.RegisterAsync(request.Url, tables, request.DryRun, Print, cancellationToken).ConfigureAwait(false));
        if (request.StatusColumns)
        {
            changes.AddRange(await _services.GetRequiredService<DataverseStatusColumns>()
                .EnsureAsync(tables.Select(t => t.LogicalName), request.Prefix, request.Solution, request.DryRun, Print, cancellationToken).ConfigureAwait(false));
        }

        await CheckApplicationUserAsync(registrar, cancellationToken).ConfigureAwait(false);
        await _output.WriteLineAsync(Summary(changes, request.DryRun)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private async Task CheckApplicationUserAsync(DataverseRegistrar registrar, CancellationToken cancellationToken)
    {
        var self = await registrar.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        var line = _options.ApplicationUserId switch
        {
            null => $"application user {self} (WhoAmI): the receiver finds it the same way; set {DataverseOptions.SectionName}:ApplicationUserId={self} to drop the bridge's own changes from the first webhook on.",
            { } configured when configured == self => $"application user {self}: matches {DataverseOptions.SectionName}:ApplicationUserId; its own changes are dropped at the webhook.",
            { } configured => $"warning: {DataverseOptions.SectionName}:ApplicationUserId is {configured} but WhoAmI says {self}; the bridge's own changes would not be dropped. Set it to {self}.",
        };
        await _output.WriteLineAsync(line).ConfigureAwait(false);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{1,7}$")]
    private static partial Regex Prefix();
}
