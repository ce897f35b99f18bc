using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Erp;

/// <summary>A successful (or accepted 404) ERP response: its status and parsed body.</summary>
internal readonly record struct ErpResponse(int Status, JsonNode? Body);
