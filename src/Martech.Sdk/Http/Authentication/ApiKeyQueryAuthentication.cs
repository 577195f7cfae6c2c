namespace Martech.Sdk;

/// <summary>An API key sent as a query parameter, such as HubSpot's legacy <c>hapikey</c> or Pipedrive's
/// <c>api_token</c>.</summary>
internal sealed class ApiKeyQueryAuthentication : MartechAuthentication
{
    private readonly string _parameterName;
    private readonly string _apiKey;
    private readonly string _pair;
    private readonly string[] _secretParameters;

    public ApiKeyQueryAuthentication(string parameterName, string apiKey)
    {
        SecretArgument.ThrowIfInvalid(parameterName, nameof(parameterName));
        SecretArgument.ThrowIfInvalid(apiKey, nameof(apiKey));
        _parameterName = parameterName;
        _apiKey = apiKey;
        _pair = Uri.EscapeDataString(parameterName) + "=" + Uri.EscapeDataString(apiKey);
        _secretParameters = [parameterName];
        CredentialId = CredentialIds.Compute("apikey-query", parameterName, apiKey);
    }

    public override string CredentialId { get; }

    public override IReadOnlyCollection<string> SecretQueryParameters => _secretParameters;

    protected internal override IEnumerable<string> SecretValues => [_apiKey];

    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI to add the API key to.");

        // Replace rather than append: a request sent again must carry the parameter once.
        request.RequestUri = QueryString.Replace(uri, _parameterName, _pair);
        return default;
    }

    public override string ToString() => $"API key in query parameter {_parameterName} ({CredentialId})";
}
