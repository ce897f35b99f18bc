namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>An API error answered as <c>{"error":{"code","message"}}</c> with the message ending in a CorrelationId.</summary>
internal sealed class BcApiException : Exception
{
    public BcApiException(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; }
}
