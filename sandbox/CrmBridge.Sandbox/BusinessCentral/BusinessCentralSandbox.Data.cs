using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>In-process seeding, inspection and the ERP user's actions (ship, invoice), published to subscriptions like API writes.</summary>
public sealed partial class BusinessCentralSandbox
{
    /// <summary>Creates a record as a BC user would (no API call); notifications are sent as for API writes.</summary>
    /// <param name="entity">customers or salesOrders (with <c>salesOrderLines</c>).</param>
    /// <param name="fields">The fields.</param>
    /// <returns>The record id.</returns>
    public Guid Create(string entity, JsonObject fields)
    {
        var response = Run(new BcRequest("POST", $"companies({CompanyId})/{entity}", new Dictionary<string, string>(), new Dictionary<string, string>(), fields));
        return Guid.Parse(response["id"]!.ToString());
    }

    /// <summary>Changes fields of a record as a BC user would.</summary>
    /// <param name="entity">customers or salesOrders.</param>
    /// <param name="id">The record id.</param>
    /// <param name="fields">The fields to change.</param>
    public void Update(string entity, Guid id, JsonObject fields) =>
        Run(new BcRequest("PATCH", $"companies({CompanyId})/{entity}({id})", new Dictionary<string, string>(), new Dictionary<string, string> { ["If-Match"] = "*" }, fields));

    /// <summary>Reads a record as the API shows it (lines expanded), or <see langword="null"/>.</summary>
    /// <param name="entity">The entity set.</param>
    /// <param name="id">The record id.</param>
    /// <returns>The record.</returns>
    public JsonObject? Get(string entity, Guid id)
    {
        var expand = entity switch { "salesOrders" => "salesOrderLines", "salesShipments" => "salesShipmentLines", _ => string.Empty };
        var query = new Dictionary<string, string> { ["$expand"] = expand };
        lock (_store.Gate)
        {
            var response = _api.Handle(new BcRequest("GET", $"companies({CompanyId})/{entity}({id})", query, new Dictionary<string, string>(), null), []);
            return response.Status == 200 ? response.Body : null;
        }
    }

    /// <summary>Lists the records of an entity set (lines expanded).</summary>
    /// <param name="entity">The entity set.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<JsonObject> List(string entity)
    {
        lock (_store.Gate)
        {
            return _store.Table(CompanyId, entity).Keys.Select(id => Get(entity, id)!).ToList();
        }
    }

    /// <summary>Finds the sales order with an external document number.</summary>
    /// <param name="externalDocumentNumber">The number (the CRM's order key).</param>
    /// <returns>The order id, or <see langword="null"/>.</returns>
    public Guid? FindOrder(string externalDocumentNumber)
    {
        lock (_store.Gate)
        {
            return _store.Table(CompanyId, "salesOrders").Values
                .FirstOrDefault(o => string.Equals(o.Data["externalDocumentNumber"]?.ToString(), externalDocumentNumber, StringComparison.OrdinalIgnoreCase))?.Id;
        }
    }

    /// <summary>Posts the shipment of an order's remaining quantities, as a warehouse user would.</summary>
    /// <param name="orderId">The sales order.</param>
    /// <param name="trackingNumber">The package tracking number (kept on the custom tracking page), or none.</param>
    /// <param name="shippingAgent">The shipping agent code.</param>
    /// <returns>The posted shipment number.</returns>
    public string ShipOrder(Guid orderId, string? trackingNumber = null, string? shippingAgent = null) =>
        Act(changes => _api.Ship(CompanyId, orderId, trackingNumber, shippingAgent, changes));

    /// <summary>Posts the invoice of an order's shipped, not yet invoiced quantities; a fully invoiced order is deleted.</summary>
    /// <param name="orderId">The sales order.</param>
    /// <returns>The posted invoice number.</returns>
    public string InvoiceOrder(Guid orderId) => Act(changes => _api.Invoice(CompanyId, orderId, changes));

    private string Act(Func<List<BcChange>, string> action)
    {
        var changes = new List<BcChange>();
        string result;
        lock (_store.Gate)
        {
            try
            {
                result = action(changes);
            }
            catch (BcApiException error)
            {
                throw new InvalidOperationException($"{error.Code}: {error.Message}");
            }
        }

        _subscriptions.Publish(changes);
        return result;
    }

    private JsonObject Run(BcRequest request)
    {
        var changes = new List<BcChange>();
        BcResponse response;
        lock (_store.Gate)
        {
            response = _api.Handle(request, changes);
        }

        _subscriptions.Publish(changes);
        return response.Status < 300 ? response.Body ?? [] : throw new InvalidOperationException(response.Body?["error"]?.ToJsonString());
    }
}
