namespace Martech.Sdk;

/// <summary>Options for listing suppressions.</summary>
public class SuppressionListOptions : ListOptions
{
    /// <summary>Only this kind (one list); every list the vendor has when <see langword="null"/>.</summary>
    public SuppressionKind? Kind { get; set; }

    /// <summary>Only this group, for <see cref="SuppressionKind.GroupUnsubscribe"/>.</summary>
    public string? GroupId { get; set; }
}
