using System.Globalization;
using Microsoft.Azure.Functions.Worker;

namespace CrmBridge.Functions.Queue;

/// <summary>Reads the queue trigger's metadata (DequeueCount, Id) from the invocation's binding data.</summary>
internal static class QueueTriggerMetadata
{
    /// <summary>Gets how often the message was dequeued, including this time (1 when the host did not say).</summary>
    /// <param name="context">The invocation context.</param>
    /// <returns>The dequeue count.</returns>
    public static int DequeueCount(FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("DequeueCount", out var value)
        && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;

    /// <summary>Gets the queue message id, or <c>?</c>.</summary>
    /// <param name="context">The invocation context.</param>
    /// <returns>The message id.</returns>
    public static string MessageId(FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("Id", out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?" : "?";
}
