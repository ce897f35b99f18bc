using Azure;
using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>Maps Azure Storage failures onto the pipeline's one infrastructure exception.</summary>
internal static class AzureErrors
{
    /// <summary>The system name in <see cref="ConnectorException.System"/>.</summary>
    public const string System = "azure-storage";

    /// <summary>Runs a storage call, translating its failures.</summary>
    public static async Task<T> RunAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException exception)
        {
            throw Wrap(what, exception);
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is RequestFailedException))
        {
            // Azure.Core throws this when every retry failed without a response (connection refused, DNS, timeouts).
            throw new ConnectorException(System, ErrorKind.Transient, "NETWORK", $"Azure Storage ({what}) unreachable: {exception.InnerExceptions[^1].Message}", innerException: exception);
        }
    }

    /// <summary>Runs a storage call without result, translating its failures.</summary>
    public static Task RunAsync(string what, Func<Task> call) =>
        RunAsync(what, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });

    /// <summary>Classifies one failure.</summary>
    public static ConnectorException Wrap(string what, RequestFailedException exception)
    {
        var kind = exception.Status switch
        {
            0 or 408 or 500 or 502 or 504 => ErrorKind.Transient,
            429 or 503 => ErrorKind.Throttled,
            404 => ErrorKind.NotFound,
            _ => ErrorKind.Permanent,
        };
        var code = string.IsNullOrEmpty(exception.ErrorCode) ? $"HTTP_{exception.Status}" : exception.ErrorCode;
        // Azurite answers an SDK newer than itself with 400 InvalidHeaderValue "The API version … is not supported by Azurite".
        var hint = code == "InvalidHeaderValue" && exception.Message.Contains("API version", StringComparison.OrdinalIgnoreCase)
            ? " Azurite does not know this SDK's API version: start it with --skipApiVersionCheck."
            : "";
        return new ConnectorException(System, kind, code, $"Azure Storage ({what}) failed with {exception.Status} {code}.{hint}", exception.Status, innerException: exception);
    }
}
