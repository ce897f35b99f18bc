using System.Net;

namespace CrmBridge.Admin.Standalone;

/// <summary>Where the standalone host serves the page: <c>--admin-port</c> (0 picks a free port) on <c>--admin-bind</c> (loopback by default).</summary>
/// <param name="Address">The address to listen on.</param>
/// <param name="Port">The port.</param>
public sealed record AdminEndpoint(IPAddress Address, int Port);
