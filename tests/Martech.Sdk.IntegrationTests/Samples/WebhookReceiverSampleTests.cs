using WebhookReceiver;

namespace Martech.Sdk.IntegrationTests.Samples;

/// <summary>The WebhookReceiver sample as its README runs it: on the embedded default and through the SendGrid
/// emulator, every webhook posted twice and out of order, every event handled once.</summary>
public class WebhookReceiverSampleTests
{
    [Theory]
    [InlineData("inmemory")]
    [InlineData("sendgrid")]
    public async Task Run_HandlesEveryEventOnce_AndPrintsTheSummary(string vendor)
    {
        using var output = new StringWriter();

        int exit = await WebhookReceiverApp.RunAsync(["--vendor", vendor], output, SampleFolder(), CancellationToken.None);

        string text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("48 signed webhook requests posted, 48 answered 2xx, 0 refused or failed.", text, StringComparison.Ordinal);
        Assert.Contains("24 distinct events handled; 24 redeliveries recognised", text, StringComparison.Ordinal);
        Assert.Contains("Email: 1 bounced, 3 clicked, 4 delivered, 4 opened, 5 processed, 1 unsubscribed; opens by people 3, by machines 1.", text, StringComparison.Ordinal);
        Assert.Contains("SMS: 1 delivered, 2 queued, 2 sent, 1 undelivered.", text, StringComparison.Ordinal);
        Assert.Contains(vendor == "sendgrid" ? "SendGrid  email  bounced" : "InMemory  email  bounced", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownVendor_SaysWhichExist()
    {
        using var output = new StringWriter();

        Assert.Equal(2, await WebhookReceiverApp.RunAsync(["--vendor", "nope"], output, SampleFolder(), CancellationToken.None));
        Assert.Contains("use inmemory (the default) or sendgrid", output.ToString(), StringComparison.Ordinal);
    }

    private static string SampleFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Martech.Sdk.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("The repository root was not found."), "samples", "WebhookReceiver");
    }
}
