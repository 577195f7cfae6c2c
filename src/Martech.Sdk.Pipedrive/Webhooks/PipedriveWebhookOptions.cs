namespace Martech.Sdk.Pipedrive;

/// <summary>Settings of a Pipedrive instance's webhooks, bound from <c>Martech:&lt;name&gt;:Webhooks</c>.</summary>
/// <remarks>Pipedrive does not sign webhooks. Each webhook can carry HTTP Basic credentials (<c>http_auth_user</c> and
/// <c>http_auth_password</c> when it is created, or the fields of the same name in Settings &gt; Tools and apps &gt;
/// Webhooks), which Pipedrive sends in the <c>Authorization</c> header of every delivery; the receiver compares them with
/// these in constant time. Pipedrive signs no timestamp, so <see cref="MartechWebhookOptions.PastTolerance"/> and
/// <see cref="MartechWebhookOptions.FutureTolerance"/> are not used: redeliveries are recognised by the event store's
/// deduplication instead.</remarks>
public sealed class PipedriveWebhookOptions : MartechWebhookOptions
{
    /// <summary>The smallest accepted password length: the credentials are the endpoint's only protection.</summary>
    public const int MinPasswordLength = 16;

    /// <summary>The HTTP Basic user name set on the Pipedrive webhook.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? Username { get; set; }

    /// <summary>The HTTP Basic password set on the Pipedrive webhook, at least <see cref="MinPasswordLength"/> characters
    /// (generate a random one). A secret: never printed.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? Password { get; set; }

    /// <inheritdoc />
    public override bool IsConfigured => !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(Password);

    /// <inheritdoc />
    public override string SecretSettingName => string.IsNullOrWhiteSpace(Username) ? nameof(Username) : nameof(Password);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (Username is not null && (Username.Contains(':', StringComparison.Ordinal) || Username.Any(char.IsControl) || Username.Trim().Length != Username.Length))
        {
            yield return $"{configurationPath}:{nameof(Username)} cannot contain ':', a line break or white space at its ends (HTTP Basic credentials cannot carry them).";
        }

        if (Password is not null && (Password.Length < MinPasswordLength || Password.Any(char.IsControl)))
        {
            yield return $"{configurationPath}:{nameof(Password)} must be at least {MinPasswordLength} characters without line breaks: the credentials are the only thing protecting the endpoint. Generate a random one and set it on the Pipedrive webhook too.";
        }

        if (string.IsNullOrWhiteSpace(Username) != string.IsNullOrWhiteSpace(Password))
        {
            yield return $"{configurationPath}:{nameof(Username)} and {configurationPath}:{nameof(Password)} must be set together.";
        }
    }
}
