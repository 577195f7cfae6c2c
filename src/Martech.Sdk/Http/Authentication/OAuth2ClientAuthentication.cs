namespace Martech.Sdk;

/// <summary>How the client proves its identity to the token endpoint (RFC 6749 section 2.3.1).</summary>
public enum OAuth2ClientAuthentication
{
    /// <summary><c>client_id</c> and <c>client_secret</c> as form fields of the token request body.</summary>
    RequestBody,

    /// <summary>An <c>Authorization: Basic</c> header of the form-encoded client id and secret; the body carries neither.</summary>
    BasicHeader,
}
