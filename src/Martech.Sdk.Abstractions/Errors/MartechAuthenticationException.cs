namespace Martech.Sdk;

/// <summary>The vendor rejected the credentials (HTTP 401, or 403 for a missing permission); re-authorisation is needed.</summary>
public class MartechAuthenticationException : MartechRequestException
{
    /// <summary>Creates an exception.</summary>
    public MartechAuthenticationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message, already redacted.</param>
    public MartechAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message, already redacted.</param>
    /// <param name="innerException">The cause.</param>
    public MartechAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether the user must re-authorise: the credentials or grant were rejected outright (for example an OAuth2
    /// <c>invalid_grant</c> for a revoked refresh token, or <c>invalid_client</c>). Retrying will not help; obtain new
    /// credentials (re-run the consent flow, rotate the key) and configure them.
    /// </summary>
    public bool ReauthorizationRequired { get; init; }
}
