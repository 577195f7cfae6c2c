namespace Martech.Sdk;

/// <summary>An engagement rule: points for each event of an <see cref="Activity"/>, optionally only for some forms,
/// campaigns or URLs, fading with the event's age (<see cref="Decay"/>) and limited per period (<see cref="Cap"/>). An
/// event may count under several rules (a click under "any click" and "pricing page click").</summary>
public sealed record EngagementScoringRule
{
    /// <summary>The rule's name, unique among the fit and engagement rules; the ledger and explanations name it.</summary>
    public required string Name { get; init; }

    /// <summary>The kind of event scored.</summary>
    public required EngagementActivity Activity { get; init; }

    /// <summary>The points each counted event adds before decay and caps (negative to take away).</summary>
    public required int Points { get; init; }

    /// <summary>The group the rule belongs to, whose cap (<see cref="LeadScoringOptions.EngagementGroupCaps"/>) limits what
    /// its rules add together; <see langword="null"/> for none.</summary>
    public string? Group { get; init; }

    /// <summary>Only forms with one of these ids (<see cref="FormSubmissionEvent.FormId"/>, case ignored); empty for any
    /// form. Only for <see cref="EngagementActivity.FormSubmitted"/>.</summary>
    public IReadOnlyList<string> FormIds { get; init; } = [];

    /// <summary>Only events whose <see cref="MartechEvent.CampaignId"/> is one of these (case ignored); empty for any.</summary>
    public IReadOnlyList<string> CampaignIds { get; init; } = [];

    /// <summary>Only events whose URL (a click's <see cref="EmailEvent.Url"/>, a form's
    /// <see cref="FormSubmissionEvent.PageUrl"/>) contains one of these (case ignored); empty for any. Only for clicks and
    /// form fills.</summary>
    public IReadOnlyList<string> UrlContains { get; init; } = [];

    /// <summary>Whether opens and clicks made by machines (an <see cref="EmailEvent.Source"/> other than
    /// <see cref="EngagementSource.Human"/> or <see cref="EngagementSource.Unknown"/>: privacy proxies, link scanners) count.</summary>
    /// <value>The default is <see langword="false"/>: machines score nothing.</value>
    public bool CountMachineActivity { get; init; }

    /// <summary>How the rule's points fade; <see langword="null"/> for <see cref="LeadScoringOptions.Decay"/>.</summary>
    public ScoreDecay? Decay { get; init; }

    /// <summary>The per-period limit; <see langword="null"/> for none.</summary>
    public ScoringFrequencyCap? Cap { get; init; }

    internal IEnumerable<string> Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return $"{path}:Name is required.";
        }

        if (!Enum.IsDefined(Activity))
        {
            yield return $"{path}:Activity ({(int)Activity}) is not one of {string.Join(", ", Enum.GetNames<EngagementActivity>())}.";
        }

        if (Points == 0)
        {
            yield return $"{path}:Points is 0, so the rule counts nothing: give it points (negative to take away) or remove it.";
        }

        if ((FormIds?.Count ?? 0) > 0 && Activity != EngagementActivity.FormSubmitted)
        {
            yield return $"{path}:FormIds only applies to FormSubmitted (the activity is {Activity}): remove it or change the activity.";
        }

        if ((UrlContains?.Count ?? 0) > 0 && Activity is not (EngagementActivity.EmailClicked or EngagementActivity.FormSubmitted))
        {
            yield return $"{path}:UrlContains only applies to EmailClicked and FormSubmitted (the activity is {Activity}): remove it or change the activity.";
        }

        if ((FormIds?.Any(string.IsNullOrWhiteSpace) ?? false) || (CampaignIds?.Any(string.IsNullOrWhiteSpace) ?? false) || (UrlContains?.Any(string.IsNullOrWhiteSpace) ?? false))
        {
            yield return $"{path} has a blank value in FormIds, CampaignIds or UrlContains: remove it.";
        }

        if (Cap is not null)
        {
            foreach (string problem in Cap.Validate($"{path}:Cap"))
            {
                yield return problem;
            }
        }
    }

    /// <summary>Whether the event counts under this rule.</summary>
    internal bool Matches(MartechEvent martechEvent)
    {
        string? url = null;
        switch (martechEvent)
        {
            case EmailEvent e when (e.Type == EmailEventType.Opened && Activity == EngagementActivity.EmailOpened)
                || (e.Type == EmailEventType.Clicked && Activity == EngagementActivity.EmailClicked):
                if (!CountMachineActivity && e.Source is { } source && source is not (EngagementSource.Human or EngagementSource.Unknown))
                {
                    return false;
                }

                url = UrlContains.Count > 0 ? e.Url?.ToString() : null;
                break;
            case FormSubmissionEvent form when Activity == EngagementActivity.FormSubmitted:
                if (FormIds.Count > 0 && !FormIds.Contains(form.FormId, StringComparer.OrdinalIgnoreCase))
                {
                    return false;
                }

                url = form.PageUrl;
                break;
            case MessageReceivedEvent when Activity == EngagementActivity.MessageReceived:
                break;
            default:
                return false;
        }

        if (CampaignIds.Count > 0 && (martechEvent.CampaignId is null || !CampaignIds.Contains(martechEvent.CampaignId, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (UrlContains.Count > 0)
        {
            if (url is null)
            {
                return false;
            }

            foreach (string part in UrlContains)
            {
                if (url.Contains(part, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }
}
