using System.Net;
using System.Text.RegularExpressions;

namespace CrmBridge.Admin.Tests;

/// <summary>A browser without the browser: keeps cookies by hand, follows no redirects, reads the anti-forgery token from forms.</summary>
internal sealed partial class AdminClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(string path, IDictionary<string, string> form) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

    /// <summary>Reads the anti-forgery token of the form on a page.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var (_, body, _) = await GetAsync(path);
        return TokenPattern().Match(body) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"No anti-forgery token on {path}:\n{body}");
    }

    public async Task<HttpStatusCode> SignInAsync(string key, string name = "Zhang San")
    {
        var token = await TokenAsync("signin");
        var (status, _, _) = await PostAsync("signin", new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["name"] = name, ["key"] = key });
        return status;
    }

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var cookie in setCookies)
            {
                var pair = cookie.Split(';', 2)[0].Split('=', 2);
                if (pair[1].Length == 0)
                {
                    _cookies.Remove(pair[0]);
                }
                else
                {
                    _cookies[pair[0]] = pair[1];
                }
            }
        }

        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
