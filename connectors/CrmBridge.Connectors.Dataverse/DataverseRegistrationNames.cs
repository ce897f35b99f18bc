namespace CrmBridge.Connectors.Dataverse;

/// <summary>How CrmBridge marks what it registers: a <c>CrmBridge: </c> name prefix and a description (the Plugin Registration Tool shows both).</summary>
public static class DataverseRegistrationNames
{
    /// <summary>The prefix of every service endpoint, step and image name CrmBridge creates; <c>unregister</c> removes only these.</summary>
    public const string Prefix = "CrmBridge: ";

    /// <summary>The service endpoint's name.</summary>
    public const string Endpoint = Prefix + "webhook";

    /// <summary>The post image's name and entity alias.</summary>
    public const string PostImage = Prefix + "post image";

    /// <summary>The post image's entity alias (the key under <c>PostEntityImages</c>).</summary>
    public const string PostImageAlias = "PostImage";

    /// <summary>The columns the post image carries: the row version lets the pipeline tell its own echo before reading the record.</summary>
    public const string PostImageAttributes = "versionnumber";

    /// <summary>The description on every row CrmBridge creates.</summary>
    public const string Description = "Created by 'crmbridge dataverse register'; removed by 'crmbridge dataverse unregister'.";

    /// <summary>The messages CrmBridge registers steps for.</summary>
    public static readonly IReadOnlyList<string> Messages = ["Create", "Update", "Delete"];

    /// <summary>Gets a step's name (<c>CrmBridge: Update of salesorder</c>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="logicalName">The table.</param>
    /// <returns>The name.</returns>
    public static string Step(string message, string logicalName) => $"{Prefix}{message} of {logicalName}";

    /// <summary>Whether a name marks a row CrmBridge created.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it starts with <see cref="Prefix"/>.</returns>
    public static bool IsOurs(string? name) => name?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
