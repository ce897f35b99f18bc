using CrmBridge.Connectors;

namespace CrmBridge.Pipeline;

/// <summary>Every configured connector, by system name (case-insensitive).</summary>
public sealed class ConnectorRegistry
{
    private readonly Dictionary<string, IConnector> _connectors;

    /// <summary>Initializes a new instance of the <see cref="ConnectorRegistry"/> class.</summary>
    /// <param name="connectors">The connectors; system names must be unique.</param>
    /// <exception cref="ArgumentException">When two connectors claim the same system name.</exception>
    public ConnectorRegistry(IEnumerable<IConnector> connectors)
    {
        _connectors = new Dictionary<string, IConnector>(StringComparer.OrdinalIgnoreCase);
        foreach (var connector in connectors)
        {
            if (!_connectors.TryAdd(connector.System, connector) && !ReferenceEquals(_connectors[connector.System], connector))
            {
                throw new ArgumentException($"Two connectors are registered for system '{connector.System}'.", nameof(connectors));
            }
        }
    }

    /// <summary>Gets the system names served.</summary>
    public IReadOnlyCollection<string> Systems => _connectors.Keys;

    /// <summary>Gets a connector.</summary>
    /// <param name="system">The system name.</param>
    /// <returns>The connector.</returns>
    /// <exception cref="KeyNotFoundException">When no connector serves the system (a configuration error).</exception>
    public IConnector Get(string system) =>
        _connectors.TryGetValue(system, out var connector)
            ? connector
            : throw new KeyNotFoundException($"No connector is configured for system '{system}'. Configured: {string.Join(", ", _connectors.Keys)}.");

    /// <summary>Tries to get a connector.</summary>
    /// <param name="system">The system name.</param>
    /// <param name="connector">The connector, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGet(string system, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IConnector? connector) =>
        _connectors.TryGetValue(system, out connector);
}
