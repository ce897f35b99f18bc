using Microsoft.Extensions.Logging;

namespace CrmBridge.Functions.Tests.Support;

/// <summary>One captured log entry: message, structured values and enclosing scope values.</summary>
public sealed record LogEntry(string Category, int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);
