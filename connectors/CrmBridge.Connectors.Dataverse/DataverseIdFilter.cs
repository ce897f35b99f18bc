using System.Text;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// The URLs of a read by many ids: <c>{set}?$select=…&amp;$filter=field eq id1 or field eq id2 …</c>, the ids cut into
/// as few filters as fit, each URL (absolute, as sent) at most a given length. Sized by the actual text, not by a count:
/// entity set, <c>$select</c> and field names vary in length.
/// </summary>
internal static class DataverseIdFilter
{
    private const string Or = "%20or%20";

    /// <summary>Builds the URLs, relative to <paramref name="apiRoot"/>.</summary>
    /// <param name="apiRoot">The Web API root (<c>https://org.crm.dynamics.com/api/data/v9.2/</c>); its length counts.</param>
    /// <param name="entitySet">The entity set read.</param>
    /// <param name="select">The <c>$select=…</c> option, or empty.</param>
    /// <param name="field">The column compared with the ids.</param>
    /// <param name="ids">The ids (GUIDs).</param>
    /// <param name="maxLength">The longest absolute URL allowed (a filter of one id is sent even when longer).</param>
    /// <returns>The relative URLs, in the order of the ids.</returns>
    public static List<string> Urls(Uri apiRoot, string entitySet, string select, string field, IEnumerable<string> ids, int maxLength)
    {
        var prefix = $"{entitySet}?{(select.Length > 0 ? select + "&" : string.Empty)}$filter=";
        var fixedLength = apiRoot.AbsoluteUri.Length + prefix.Length;
        var urls = new List<string>();
        var filter = new StringBuilder();
        foreach (var id in ids)
        {
            var term = Uri.EscapeDataString($"{field} eq {id}");
            if (filter.Length > 0 && fixedLength + filter.Length + Or.Length + term.Length > maxLength)
            {
                urls.Add(prefix + filter);
                filter.Clear();
            }

            filter.Append(filter.Length > 0 ? Or : string.Empty).Append(term);
        }

        if (filter.Length > 0)
        {
            urls.Add(prefix + filter);
        }

        return urls;
    }
}
