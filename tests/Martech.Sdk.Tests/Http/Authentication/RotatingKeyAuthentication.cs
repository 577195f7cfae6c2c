namespace Martech.Sdk.Tests.Http;

/// <summary>
/// A scheme that puts key-N in a header and in the query by appending (never replacing), and renews by moving to
/// key-N+1: it shows whether the handler takes the old credentials off before it sends a request again.
/// </summary>
internal sealed class RotatingKeyAuthentication : MartechAuthentication
{
    private int _version = 1;

    public int Renewals { get; private set; }

    public override string CredentialId => "rotating";

    public override IReadOnlyCollection<string> SecretHeaders => ["X-Api-Key"];

    public override IReadOnlyCollection<string> SecretQueryParameters => ["api_token"];

    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        string key = $"key-{_version}";
        request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        string uri = request.RequestUri!.AbsoluteUri;
        request.RequestUri = new Uri(uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "api_token=" + key);
        return default;
    }

    public override ValueTask<bool> RenewAfterUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        Renewals++;
        _version++;
        return ValueTask.FromResult(true);
    }
}
