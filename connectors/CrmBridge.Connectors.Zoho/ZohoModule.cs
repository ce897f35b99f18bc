namespace CrmBridge.Connectors.Zoho;

/// <summary>A resolved entity → module mapping with its read fields split into calls of at most 50 fields.</summary>
/// <param name="Entity">The entity name the pipeline uses.</param>
/// <param name="ApiName">The module API name.</param>
/// <param name="FieldChunks">The fields per read call; the first carries Modified_Time, every call returns id.</param>
internal sealed record ZohoModule(string Entity, string ApiName, IReadOnlyList<string> FieldChunks)
{
    /// <summary>Zoho's maximum number of fields per read call.</summary>
    public const int MaxFieldsPerCall = 50;

    /// <summary>Resolves an entity from the options.</summary>
    /// <param name="options">The options.</param>
    /// <param name="entity">The entity.</param>
    /// <param name="system">The system name for errors.</param>
    /// <returns>The module.</returns>
    public static ZohoModule Resolve(ZohoConnectorOptions options, string entity, string system)
    {
        options.Modules.TryGetValue(entity, out var configured);
        var apiName = configured?.ApiName ?? entity;
        IEnumerable<string> fields = configured is { Fields.Count: > 0 } ? configured.Fields : ZohoModuleDefaults.For(apiName)
            ?? throw new ConnectorException(system, ErrorKind.Permanent, "MODULE_NOT_CONFIGURED", $"{system}: entity '{entity}' has no configured fields (Connectors:Zoho:Modules:{entity}:Fields).");
        var list = new[] { "Modified_Time" }.Concat(fields.Where(f => f is not "id" and not "Modified_Time")).Distinct(StringComparer.Ordinal).ToList();
        var chunks = list.Chunk(MaxFieldsPerCall).Select(c => string.Join(',', c)).ToList();
        return new ZohoModule(entity, apiName, chunks);
    }
}
