namespace CrmBridge.Sandbox.Dataverse;

/// <summary>An error the emulator answers as <c>{"error":{"code","message"}}</c>.</summary>
public sealed class DataverseApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DataverseApiException"/> class.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">The Dataverse error code (<c>0x80044331</c>).</param>
    /// <param name="message">The message.</param>
    public DataverseApiException(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    /// <summary>Gets the HTTP status.</summary>
    public int Status { get; }

    /// <summary>Gets the Dataverse error code.</summary>
    public string Code { get; }

    /// <summary>Creates the "record does not exist" error.</summary>
    /// <param name="logicalName">The table.</param>
    /// <param name="id">The id or key text.</param>
    /// <returns>The error.</returns>
    public static DataverseApiException NotFound(string logicalName, string id) =>
        new(404, "0x80040217", $"{logicalName} With Id = {id} Does Not Exist");
}
