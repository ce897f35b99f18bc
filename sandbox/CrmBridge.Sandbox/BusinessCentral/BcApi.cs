using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// The API v2.0 surface below the API root: companies, customers, salesOrders (+ salesOrderLines, deep insert,
/// Microsoft.NAV.shipAndInvoice), salesShipments (+ lines) and salesInvoices (read only). The caller holds the store's
/// gate; committed changes are appended to the list it passes.
/// </summary>
internal sealed partial class BcApi
{
    private static readonly HashSet<string> Sets = new(StringComparer.Ordinal) { "customers", "salesOrders", "salesShipments", "salesInvoices" };
    private readonly BcStore _store;
    private readonly BusinessCentralSandboxOptions _options;
    private readonly Func<Uri> _apiRoot;

    public BcApi(BcStore store, BusinessCentralSandboxOptions options, Func<Uri> apiRoot)
    {
        _store = store;
        _options = options;
        _apiRoot = apiRoot;
    }

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    public BcResponse Handle(BcRequest request, List<BcChange> changes)
    {
        try
        {
            return Route(request, changes);
        }
        catch (BcApiException error)
        {
            return BcResponse.Error(error);
        }
    }

    private BcResponse Route(BcRequest r, List<BcChange> changes)
    {
        var segments = Segments(r.Path);
        if (segments.Count == 0 || segments[0].Name != "companies")
        {
            throw NotFound($"The request URI is not valid. The segment '{r.Path}' was not found.");
        }

        if (segments.Count == 1)
        {
            return r.Method == "GET" ? CompaniesAnswer(segments[0].Key) : throw MethodNotAllowed(r.Method);
        }

        var company = CompanyId(segments[0].Key);
        var (set, key) = segments[1];
        if (!Sets.Contains(set))
        {
            throw NotFound($"The request URI is not valid. Since the segment '{set}' refers to a collection, this must be the last segment in the request URI or it must be followed by an function or action that can be bound to it otherwise all intermediate segments must refer to a single resource.");
        }

        if (segments.Count == 2)
        {
            return (key, r.Method) switch
            {
                (null, "GET") => Query(company, set, r, _ => true),
                (null, "POST") => Create(company, set, r, changes),
                (not null, "GET") => Single(company, set, RowOf(company, set, key), r.Option("$expand")),
                (not null, "PATCH") => Update(company, set, key, r, changes),
                (not null, "DELETE") => Delete(company, set, key, r, changes),
                _ => throw MethodNotAllowed(r.Method),
            };
        }

        if (segments.Count == 3 && key is not null)
        {
            var child = segments[2];
            if (set == "salesOrders" && child.Name == "Microsoft.NAV.shipAndInvoice" && r.Method == "POST")
            {
                var order = RowOf(company, set, key).Id;
                Ship(company, order, null, null, changes);
                Invoice(company, order, changes);
                return new BcResponse(204, null);
            }

            if (set == "salesOrders" && child.Name == "salesOrderLines")
            {
                return Lines(company, RowOf(company, set, key), child.Key, r, changes);
            }

            if (set == "salesShipments" && child.Name == "salesShipmentLines" && r.Method == "GET")
            {
                var shipment = RowOf(company, set, key).Id.ToString();
                return Query(company, "salesShipmentLines", r, row => row.Data["documentId"]?.ToString() == shipment);
            }
        }

        throw NotFound($"The request URI '{r.Path}' is not valid.");
    }

    private BcResponse CompaniesAnswer(string? key)
    {
        var companies = _store.Companies.Where(c => key is null || c.Id == CompanyId(key)).Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id.ToString(), ["systemVersion"] = "27.0.38460.42000", ["timestamp"] = 12345, ["name"] = c.Name, ["displayName"] = c.Name,
            ["businessProfileId"] = "", ["systemCreatedAt"] = "2025-01-01T00:00:00Z", ["systemCreatedBy"] = BcSchemas.EmptyId,
            ["systemModifiedAt"] = "2025-01-01T00:00:00Z", ["systemModifiedBy"] = BcSchemas.EmptyId,
        }).ToList();
        return key is null
            ? new BcResponse(200, new JsonObject { ["@odata.context"] = $"{_apiRoot()}$metadata#companies", ["value"] = new JsonArray([.. companies]) })
            : new BcResponse(200, (JsonObject)companies[0]);
    }

    private Guid CompanyId(string? key) =>
        Guid.TryParse(key, out var id) && _store.HasCompany(id) ? id : throw new BcApiException(404, "Internal_CompanyNotFound", $"Cannot find the company '{key}'.");

    private BcRow RowOf(Guid company, string set, string key) =>
        Guid.TryParse(key, out var id) && _store.Table(company, set).TryGetValue(id, out var row)
            ? row
            : throw new BcApiException(404, "Internal_RecordNotFound", $"The {Singular(set)} does not exist. Identification fields and values: Id='{key}'");

    private static List<(string Name, string? Key)> Segments(string path)
    {
        var result = new List<(string, string?)>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var open = part.IndexOf('(', StringComparison.Ordinal);
            result.Add(open < 0 ? (part, null) : (part[..open], part[(open + 1)..].TrimEnd(')').Trim('\'')));
        }

        return result;
    }

    private static string Singular(string set) => set switch
    {
        "customers" => "Customer",
        "salesOrders" => "Sales Header",
        "salesOrderLines" => "Sales Line",
        "salesShipments" => "Sales Shipment Header",
        "salesInvoices" => "Sales Invoice Header",
        _ => set,
    };

    private static BcApiException NotFound(string message) => new(404, "BadRequest_NotFound", message);

    private static BcApiException MethodNotAllowed(string method) => new(405, "BadRequest_MethodNotAllowed", $"'{method}' requests for this resource are not allowed.");
}
