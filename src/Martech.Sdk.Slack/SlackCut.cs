namespace Martech.Sdk.Slack;

/// <summary>One cut the Slack renderer made to fit Block Kit's limits.</summary>
/// <param name="Problem">What is over which limit, naming the field (<c>MessageCard.Title is 200 characters, over a
/// Slack header's 150</c>).</param>
/// <param name="Cut">What was cut (<c>cut with an ellipsis</c>).</param>
internal readonly record struct SlackCut(string Problem, string Cut)
{
    /// <summary>The cut as one sentence for <see cref="MessageSendResult.Truncations"/>.</summary>
    public override string ToString() => $"{Problem}: {Cut}.";
}
