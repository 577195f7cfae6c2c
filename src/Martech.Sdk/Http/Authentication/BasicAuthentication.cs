using System.Net.Http.Headers;
using System.Text;

namespace Martech.Sdk;

/// <summary>HTTP Basic credentials, such as Mailgun's <c>api</c> and API key or Twilio's account SID and auth token.</summary>
internal sealed class BasicAuthentication : MartechAuthentication
{
    private static readonly string[] AuthorizationHeader = ["Authorization"];

    private readonly string _password;
    private readonly string _encoded;
    private readonly string _encodedPassword;

    // Created once: this runs on every request.
    private readonly AuthenticationHeaderValue _header;

    public BasicAuthentication(string userName, string password)
    {
        SecretArgument.ThrowIfInvalid(userName, nameof(userName));
        SecretArgument.ThrowIfInvalid(password, nameof(password));
        if (userName.Contains(':', StringComparison.Ordinal))
        {
            // RFC 7617: the first colon separates user and password.
            throw new ArgumentException($"'{nameof(userName)}' cannot contain a colon in HTTP Basic authentication.", nameof(userName));
        }

        _password = password;
        _encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password));
        _encodedPassword = Convert.ToBase64String(Encoding.UTF8.GetBytes(password));
        _header = new AuthenticationHeaderValue("Basic", _encoded);
        CredentialId = CredentialIds.Compute("basic", userName, password);
    }

    public override string CredentialId { get; }

    public override IReadOnlyCollection<string> SecretHeaders => AuthorizationHeader;

    // The password, the header's Base64 of user:password, and the Base64 of the password alone (as a vendor or a
    // handler may echo it); the redactor adds their URL-encoded and JSON-escaped forms.
    protected internal override IEnumerable<string> SecretValues => [_password, _encoded, _encodedPassword];

    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _header;
        return default;
    }

    // The user name stays out too: some vendors use the key itself as the user.
    public override string ToString() => $"Basic credentials ({CredentialId})";
}
