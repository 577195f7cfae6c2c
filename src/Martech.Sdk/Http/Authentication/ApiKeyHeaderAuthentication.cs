namespace Martech.Sdk;

/// <summary>An API key sent in a vendor-named request header, such as Pipedrive's <c>x-api-token</c> or Postmark's
/// <c>X-Postmark-Server-Token</c>.</summary>
internal sealed class ApiKeyHeaderAuthentication : MartechAuthentication
{
    private readonly string _headerName;
    private readonly string _apiKey;
    private readonly string[] _secretHeaders;

    public ApiKeyHeaderAuthentication(string headerName, string apiKey)
    {
        SecretArgument.ThrowIfInvalid(headerName, nameof(headerName));
        SecretArgument.ThrowIfInvalid(apiKey, nameof(apiKey));
        using (var probe = new HttpRequestMessage())
        {
            // Rejects names that are not HTTP tokens and content headers (Content-Type), which a request cannot carry.
            if (!HeaderValidation.IsValidHeaderName(headerName) || !probe.Headers.TryAddWithoutValidation(headerName, "probe"))
            {
                throw new ArgumentException($"'{headerName}' is not a request header name an API key can be sent in.", nameof(headerName));
            }
        }

        _headerName = headerName;
        _apiKey = apiKey;
        _secretHeaders = [headerName];
        CredentialId = CredentialIds.Compute("apikey-header", headerName.ToUpperInvariant(), apiKey);
    }

    public override string CredentialId { get; }

    public override IReadOnlyCollection<string> SecretHeaders => _secretHeaders;

    protected internal override IEnumerable<string> SecretValues => [_apiKey];

    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Remove first: a request sent again (after a 401 or by the retry layer) must carry the key once.
        request.Headers.Remove(_headerName);
        request.Headers.TryAddWithoutValidation(_headerName, _apiKey);
        return default;
    }

    public override string ToString() => $"API key in header {_headerName} ({CredentialId})";
}
