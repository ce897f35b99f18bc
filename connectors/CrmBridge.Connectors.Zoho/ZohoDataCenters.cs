namespace CrmBridge.Connectors.Zoho;

/// <summary>Resolves a data centre to its accounts server.</summary>
public static class ZohoDataCenters
{
    /// <summary>Gets the accounts server of a data centre.</summary>
    /// <param name="dataCenter">The data centre.</param>
    /// <returns>The accounts server base URL, e.g. <c>https://accounts.zoho.com.cn/</c>.</returns>
    public static Uri AccountsUrl(ZohoDataCenter dataCenter) => new(dataCenter switch
    {
        ZohoDataCenter.US => "https://accounts.zoho.com/",
        ZohoDataCenter.EU => "https://accounts.zoho.eu/",
        ZohoDataCenter.IN => "https://accounts.zoho.in/",
        ZohoDataCenter.AU => "https://accounts.zoho.com.au/",
        ZohoDataCenter.JP => "https://accounts.zoho.jp/",
        ZohoDataCenter.CN => "https://accounts.zoho.com.cn/",
        ZohoDataCenter.CA => "https://accounts.zohocloud.ca/",
        ZohoDataCenter.SA => "https://accounts.zoho.sa/",
        ZohoDataCenter.UK => "https://accounts.zoho.uk/",
        _ => throw new ArgumentOutOfRangeException(nameof(dataCenter), dataCenter, "Unknown Zoho data centre."),
    });

    /// <summary>Gets the token endpoint for the options: <see cref="ZohoConnectorOptions.AccountsUrl"/> when set, else the data centre's.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The absolute <c>/oauth/v2/token</c> URL.</returns>
    public static Uri TokenEndpoint(ZohoConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.AccountsUrl ?? AccountsUrl(options.DataCenter);
        var text = baseUrl.ToString();
        return new Uri(new Uri(text.EndsWith('/') ? text : text + "/"), "oauth/v2/token");
    }
}
