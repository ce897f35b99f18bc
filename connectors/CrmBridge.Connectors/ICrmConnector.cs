namespace CrmBridge.Connectors;

/// <summary>A connector to a CRM (Dataverse, Zoho CRM, Fxiaoke). Marker for hosts that wire CRM-specific receivers.</summary>
public interface ICrmConnector : IConnector
{
}
