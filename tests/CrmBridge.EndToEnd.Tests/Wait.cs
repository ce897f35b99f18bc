namespace CrmBridge.EndToEnd.Tests;

/// <summary>Polls a condition with a bounded timeout (a correctness wait, not a performance assertion).</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(timeoutSeconds))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting until {what}.");
    }
}
