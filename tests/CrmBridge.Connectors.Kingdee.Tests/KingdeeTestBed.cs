using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Kingdee;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>A fresh K3Cloud sandbox with materials M-001/M-002 and a connector against it, for one test.</summary>
internal sealed class KingdeeTestBed : IAsyncDisposable
{
    private KingdeeTestBed(KingdeeSandbox sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        Services = services;
    }

    public KingdeeSandbox Sandbox { get; }

    public ServiceProvider Services { get; }

    public IErpConnector Connector => Services.GetRequiredService<IErpConnector>();

    public int ConnectorLogins => Services.GetRequiredService<KingdeeSessionProvider>().LoginCount;

    public static async Task<KingdeeTestBed> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null, bool writeBackBumpsOrder = false, bool wholeSeconds = true)
    {
        var sandbox = await KingdeeTestServices.StartSandboxAsync(time, writeBackBumpsOrder, wholeSeconds);
        sandbox.SeedMaterial("M-001", "Widget");
        sandbox.SeedMaterial("M-002", "Gadget");
        return new KingdeeTestBed(sandbox, KingdeeTestServices.Build(sandbox, settings, time));
    }

    /// <summary>Creates (and, by default settings, audits) a customer; returns its number.</summary>
    public async Task<string> CustomerAsync(string name = "Acme Trading")
    {
        var key = KingdeeTestServices.NewKey("ACC");
        var result = await Connector.UpsertAsync(new UpsertRequest("BD_Customer", "F_CRM_Id", key, new JsonObject { ["FName"] = name }), CancellationToken.None);
        return result.Id;
    }

    public static JsonObject Order(string customer, params (string Material, decimal Qty)[] lines) => new()
    {
        ["FBillTypeID"] = new JsonObject { ["FNUMBER"] = "XSDD01_SYS" },
        ["FDate"] = "2026-11-28",
        ["FSaleOrgId"] = new JsonObject { ["FNumber"] = "100" },
        ["FCustId"] = new JsonObject { ["FNumber"] = customer },
        ["FSaleOrderEntry"] = new JsonArray(lines.Select(l => (JsonNode?)new JsonObject
        {
            ["FMaterialId"] = new JsonObject { ["FNumber"] = l.Material },
            ["FQty"] = l.Qty,
            ["FPrice"] = 10m,
        }).ToArray()),
    };

    public Task<UpsertResult> UpsertOrderAsync(string key, JsonObject order) =>
        Connector.UpsertAsync(new UpsertRequest("SAL_SaleOrder", "F_CRM_Id", key, order), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
