namespace CrmBridge.Connectors.Zoho;

/// <summary>The Zoho data centre an organisation lives in; it decides the accounts server (and so the API domain).</summary>
public enum ZohoDataCenter
{
    /// <summary>United States: accounts.zoho.com.</summary>
    US = 0,

    /// <summary>Europe: accounts.zoho.eu.</summary>
    EU = 1,

    /// <summary>India: accounts.zoho.in.</summary>
    IN = 2,

    /// <summary>Australia: accounts.zoho.com.au.</summary>
    AU = 3,

    /// <summary>Japan: accounts.zoho.jp.</summary>
    JP = 4,

    /// <summary>China: accounts.zoho.com.cn.</summary>
    CN = 5,

    /// <summary>Canada: accounts.zohocloud.ca.</summary>
    CA = 6,

    /// <summary>Saudi Arabia: accounts.zoho.sa.</summary>
    SA = 7,

    /// <summary>United Kingdom: accounts.zoho.uk.</summary>
    UK = 8,
}
