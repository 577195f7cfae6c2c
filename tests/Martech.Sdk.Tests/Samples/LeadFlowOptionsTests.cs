using LeadFlow;

namespace Martech.Sdk.Tests.Samples;

/// <summary>How LeadFlow:Notify names where new-lead cards go.</summary>
public class LeadFlowOptionsTests
{
    [Theory]
    [InlineData("#new-leads", MessageDestinationKind.Channel, "#new-leads")]
    [InlineData("channel:C0123LEADS", MessageDestinationKind.Channel, "C0123LEADS")]
    [InlineData("Conversation: 1295", MessageDestinationKind.Conversation, "1295")]
    [InlineData("user:6762f0dd1bb69f9f2193bb83", MessageDestinationKind.User, "6762f0dd1bb69f9f2193bb83")]
    public void NotifyDestination_KindAndId(string notify, MessageDestinationKind kind, string id)
    {
        MessageDestination destination = new LeadFlowOptions { Notify = notify }.NotifyDestination();

        Assert.Equal(kind, destination.Kind);
        Assert.Equal(id, destination.Id);
    }

    [Theory]
    [InlineData("", "names no destination")]
    [InlineData("conversation:", "names no destination")]
    [InlineData("phone:+15005550006", "unknown destination kind 'phone'")]
    public void NotifyDestination_Invalid_ErrorNamesTheProblem(string notify, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new LeadFlowOptions { Notify = notify }.NotifyDestination());

        Assert.Contains("LeadFlow:Notify", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
