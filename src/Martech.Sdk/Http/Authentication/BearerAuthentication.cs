using System.Net.Http.Headers;

namespace Martech.Sdk;

/// <summary>A static bearer token (<c>Authorization: Bearer …</c>), such as a HubSpot private-app token or a
/// SendGrid API key.</summary>
internal sealed class BearerAuthentication : MartechAuthentication
{
    private static readonly string[] AuthorizationHeader = ["Authorization"];

    private readonly string _token;

    // Created once: this runs on every request.
    private readonly AuthenticationHeaderValue _header;

    public BearerAuthentication(string token)
    {
        SecretArgument.ThrowIfInvalid(token, nameof(token));
        _token = token;
        _header = new AuthenticationHeaderValue("Bearer", token);
        CredentialId = CredentialIds.Compute("bearer", token);
    }

    public override string CredentialId { get; }

    public override IReadOnlyCollection<string> SecretHeaders => AuthorizationHeader;

    protected internal override IEnumerable<string> SecretValues => [_token];

    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _header;
        return default;
    }

    public override string ToString() => $"Bearer token ({CredentialId})";
}
