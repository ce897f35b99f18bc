namespace CrmBridge.Cli.Demo.Calls;

/// <summary>
/// The HTTP calls of one connector operation, collected while it runs (the scope flows with the operation's async
/// context into the HTTP handlers) and classified when it has returned — a poll's calls are idle or not by its result.
/// </summary>
internal sealed class DemoCallScope
{
    private static readonly AsyncLocal<DemoCallScope?> CurrentScope = new();
    private readonly List<Uri> _calls = [];

    private DemoCallScope(string system) => System = system;

    /// <summary>Gets the scope of the operation running in this async context, if any.</summary>
    public static DemoCallScope? Current => CurrentScope.Value;

    /// <summary>Gets the system the operation calls.</summary>
    public string System { get; }

    /// <summary>Starts a scope for the current async context (the caller's context is unaffected once it returns).</summary>
    /// <param name="system">The system the operation calls.</param>
    /// <returns>The scope.</returns>
    public static DemoCallScope Begin(string system) => CurrentScope.Value = new DemoCallScope(system);

    /// <summary>Records a call made in the scope.</summary>
    /// <param name="uri">The request address.</param>
    public void Add(Uri uri)
    {
        lock (_calls)
        {
            _calls.Add(uri);
        }
    }

    /// <summary>Gets the calls made so far.</summary>
    /// <returns>The request addresses.</returns>
    public IReadOnlyList<Uri> Calls()
    {
        lock (_calls)
        {
            return [.. _calls];
        }
    }
}
