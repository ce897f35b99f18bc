using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Hosting;

/// <summary>One line of the <see cref="ConnectorTable"/>: a connector, the section that turns it on, and how to register it.</summary>
/// <param name="Section">The configuration section (<c>Connectors:Erp</c>); the connector is registered when it exists.</param>
/// <param name="Systems">The system names the connector answers to by default (its options' <c>System</c>), for messages and docs.</param>
/// <param name="Register">Registers the connector (options bound from <paramref name="Section"/>, its webhook receiver if any).</param>
public sealed record ConnectorRegistration(string Section, IReadOnlyList<string> Systems, Action<IServiceCollection, IConfiguration> Register);
