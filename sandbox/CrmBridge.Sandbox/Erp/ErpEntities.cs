using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Erp;

/// <summary>The reference ERP's entities (docs/reference-erp.md): names, id prefixes and defaults on create.</summary>
public static class ErpEntities
{
    /// <summary>Customers (<c>C-000001</c>).</summary>
    public const string Customers = "customers";

    /// <summary>Sales orders (<c>SO-000001</c>).</summary>
    public const string SalesOrders = "salesOrders";

    /// <summary>After-sales cases / complaints (<c>AS-000001</c>).</summary>
    public const string Cases = "cases";

    /// <summary>Gets every entity name.</summary>
    public static IReadOnlyList<string> All { get; } = [Customers, SalesOrders, Cases];

    /// <summary>Fields the ERP assigns; ignored in request bodies.</summary>
    internal static readonly string[] SystemFields = ["id", "externalId", "version", "updatedAt"];

    internal static string Prefix(string entity) => entity switch
    {
        Customers => "C-",
        SalesOrders => "SO-",
        _ => "AS-",
    };

    /// <summary>Fills the documented defaults of a new record.</summary>
    internal static void ApplyDefaults(string entity, JsonObject record)
    {
        switch (entity)
        {
            case Customers:
                record["currency"] ??= "CNY";
                record["status"] ??= "ACTIVE";
                break;
            case SalesOrders:
                record["status"] ??= "OPEN";
                break;
            case Cases:
                record["status"] ??= "OPEN";
                record["priority"] ??= "NORMAL";
                break;
        }
    }
}
