namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>The data API paths of one object: standard objects under <c>/cgi/crm/v2/data/*</c>, custom ones under <c>/cgi/crm/custom/v2/data/*</c>.</summary>
internal sealed class FxiaokeApi
{
    private readonly HashSet<string> _custom;

    public FxiaokeApi(FxiaokeOptions options) => _custom = new HashSet<string>(options.CustomObjects, StringComparer.Ordinal);

    /// <summary>Gets the path of an operation (query, get, create, update, invalid, delete) for an object.</summary>
    public string Path(string apiName, string operation) =>
        IsCustom(apiName) ? $"cgi/crm/custom/v2/data/{operation}" : $"cgi/crm/v2/data/{operation}";

    /// <summary>Gets whether an object uses the custom-object endpoints.</summary>
    public bool IsCustom(string apiName) => apiName.EndsWith("__c", StringComparison.Ordinal) || _custom.Contains(apiName);
}
