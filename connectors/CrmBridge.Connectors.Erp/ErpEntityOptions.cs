using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Connectors.Erp;

/// <summary>
/// How one ERP entity is reached and read (<c>Connectors:Erp:Entities:{entity}</c>). Path templates may use
/// <c>{path}</c>, <c>{key}</c> (the external id) and <c>{id}</c> (the ERP id); values are URL-escaped.
/// </summary>
public sealed class ErpEntityOptions
{
    /// <summary>Gets or sets the entity's base path, relative to the base URL.</summary>
    /// <value>Default <c>api/{entity name}</c> (for example <c>api/salesOrders</c>).</value>
    public string? Path { get; set; }

    /// <summary>Gets or sets the upsert key field (the field holding the CRM id).</summary>
    /// <value>Default <c>externalId</c>.</value>
    [Required]
    public string KeyField { get; set; } = "externalId";

    /// <summary>Gets or sets the field holding the ERP's own id in responses.</summary>
    /// <value>Default <c>id</c>.</value>
    [Required]
    public string IdField { get; set; } = "id";

    /// <summary>Gets or sets the field holding the record version in responses (empty: the ERP has none).</summary>
    /// <value>Default <c>version</c>.</value>
    public string? VersionField { get; set; } = "version";

    /// <summary>Gets or sets the upsert call's path (PUT, 201 created / 200 updated).</summary>
    /// <value>Default <c>{path}/by-external-id/{key}</c>.</value>
    [Required]
    public string UpsertPath { get; set; } = "{path}/by-external-id/{key}";

    /// <summary>Gets or sets the path for reading (GET) and deleting (DELETE) one record by ERP id.</summary>
    /// <value>Default <c>{path}/{id}</c>.</value>
    [Required]
    public string RecordPath { get; set; } = "{path}/{id}";

    /// <summary>Gets or sets the batch upsert path (POST); empty when the ERP has none (then one call per record).</summary>
    /// <value>Default <c>{path}/batch</c>.</value>
    public string? BatchPath { get; set; } = "{path}/batch";

    /// <summary>Gets or sets the entity's name in the change feed's <c>entity</c> parameter.</summary>
    /// <value>Default the entity name.</value>
    public string? FeedEntity { get; set; }
}
