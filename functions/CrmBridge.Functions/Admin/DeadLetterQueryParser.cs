using System.Globalization;
using CrmBridge.Pipeline.State;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Functions.Admin;

/// <summary>Reads a <see cref="DeadLetterQuery"/> from <c>?status=open|replayed|dismissed|all&amp;system=&amp;entity=&amp;limit=</c>.</summary>
internal static class DeadLetterQueryParser
{
    /// <summary>The largest <c>limit</c> accepted.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Parses the query string.</summary>
    /// <param name="query">The query string.</param>
    /// <param name="error">What was wrong, when parsing failed.</param>
    /// <returns>The query, or <see langword="null"/> with <paramref name="error"/> set.</returns>
    public static DeadLetterQuery? Parse(IQueryCollection query, out string? error)
    {
        error = null;
        DeadLetterStatus? status = DeadLetterStatus.Open;
        var statusText = query["status"].ToString();
        if (string.Equals(statusText, "all", StringComparison.OrdinalIgnoreCase))
        {
            status = null;
        }
        else if (statusText.Length > 0)
        {
            if (!Enum.TryParse<DeadLetterStatus>(statusText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                error = $"status must be open, replayed, dismissed or all (was '{statusText}').";
                return null;
            }

            status = parsed;
        }

        var limit = 100;
        var limitText = query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            error = $"limit must be a number from 1 to {MaxLimit}.";
            return null;
        }

        return new DeadLetterQuery(status, Nullable(query["system"]), Nullable(query["entity"]), limit);
    }

    private static string? Nullable(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString();
}
