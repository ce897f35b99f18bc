using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Moq;
using Xunit;

namespace CrmBridge.Functions.Tests.Support;

/// <summary>Builds what the worker would pass to a function: an ASP.NET Core request, a FunctionContext with binding data.</summary>
internal static class FunctionRequests
{
    public static HttpRequest Post(string body, IDictionary<string, string>? headers = null, string? query = null) =>
        Build("POST", Encoding.UTF8.GetBytes(body), headers, query);

    public static HttpRequest Get(string? query = null) => Build("GET", [], null, query);

    public static HttpRequest Build(string method, byte[] body, IDictionary<string, string>? headers, string? query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Request.ContentType = "application/json";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query.StartsWith('?') ? query : "?" + query);
        }

        return context.Request;
    }

    /// <summary>A FunctionContext whose binding data carries the queue trigger's metadata.</summary>
    public static FunctionContext QueueContext(TestMessage message)
    {
        var binding = new Mock<BindingContext>();
        binding.SetupGet(b => b.BindingData).Returns(new Dictionary<string, object?>
        {
            ["DequeueCount"] = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Id"] = message.Id,
        });
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.BindingContext).Returns(binding.Object);
        return context.Object;
    }

    /// <summary>Asserts a JSON result's status and returns its value.</summary>
    public static T Json<T>(IActionResult result, int status)
    {
        var json = Assert.IsType<JsonResult>(result);
        Assert.Equal(status, json.StatusCode);
        return Assert.IsAssignableFrom<T>(json.Value);
    }
}
