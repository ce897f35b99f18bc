namespace CrmBridge.Connectors;

/// <summary>A connector to an ERP. Marker for hosts that wire ERP-specific receivers and polls.</summary>
public interface IErpConnector : IConnector
{
}
