namespace CrmBridge.Pipeline.Resilience;

/// <summary>A target system's circuit as <c>status</c> shows it.</summary>
/// <param name="System">The target system.</param>
/// <param name="State">The state.</param>
/// <param name="Since">When it entered that state.</param>
/// <param name="OpenUntil">While open, when the next probe may go.</param>
/// <param name="ConsecutiveFailures">Transient failures in a row.</param>
/// <param name="LastError">The last failure's error code and message (no payloads), or <see langword="null"/>.</param>
public sealed record CircuitSnapshot(string System, CircuitState State, DateTimeOffset Since, DateTimeOffset? OpenUntil, int ConsecutiveFailures, string? LastError);
