namespace Martech.Sdk;

/// <summary>What a provider does with a message longer than the vendor's limits (SMS segments, Slack blocks).</summary>
public enum OverLimitBehavior
{
    /// <summary>Refuse it with an <see cref="ArgumentException"/> before any request, saying what is over which limit.
    /// The default: cutting a message loses data silently.</summary>
    Refuse,

    /// <summary>Cut it to fit and send it; <see cref="MessageSendResult.Truncations"/> says what was cut.</summary>
    Truncate,
}
