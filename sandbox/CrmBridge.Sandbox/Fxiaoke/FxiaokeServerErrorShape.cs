namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>How an injected server error looks on the wire.</summary>
public enum FxiaokeServerErrorShape
{
    /// <summary>HTTP 200 with errorCode -1 (系统繁忙, system busy): how the OpenAPI itself reports it.</summary>
    SystemBusyCode = 0,

    /// <summary>HTTP 503 from the gateway in front of the OpenAPI, with no errorCode envelope.</summary>
    GatewayHttp503 = 1,
}
