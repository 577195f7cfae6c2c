using Martech.Sdk.Postmark;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>Postmark options: defaults, validation messages naming the setting, and binding from configuration.</summary>
public sealed class PostmarkOptionsTests
{
    [Fact]
    public void Defaults_AreThePublishedOrAssumedValues()
    {
        var options = new PostmarkOptions();

        Assert.Equal(new Uri("https://api.postmarkapp.com/"), options.BaseAddress);
        Assert.Equal("outbound", options.MessageStream);
        Assert.Equal("broadcast", options.BroadcastMessageStream);
        Assert.Null(options.TrackOpens);
        Assert.Null(options.TrackLinks);
        Assert.Equal("campaign_id", options.CampaignIdMetadataKey);
        Assert.Equal(50, options.MaxRecipientsPerMessage);
        Assert.Equal(10, options.RateLimitPermits);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RateLimitWindow);
        Assert.Equal(TimeSpan.FromHours(-5), options.StatsUtcOffset);
        Assert.Null(options.StatsMessageStream);
    }

    [Fact]
    public void Validate_Defaults_OnlyTheServerTokenIsMissing()
    {
        string problem = Assert.Single(new PostmarkOptions().Validate("Martech:Postmark"));

        Assert.StartsWith("Martech:Postmark:ServerToken is required", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadValues_NameEachSetting()
    {
        var options = new PostmarkOptions
        {
            ServerToken = "t",
            BaseAddress = new Uri("https://api.postmarkapp.com/v1"),
            MessageStream = " ",
            BroadcastMessageStream = "1bad",
            CampaignIdMetadataKey = "",
            MaxRecipientsPerMessage = 0,
            RateLimitPermits = 0,
            RateLimitWindow = TimeSpan.Zero,
            StatsUtcOffset = TimeSpan.FromHours(15),
            StatsMessageStream = "two words",
        };
        options.Resilience.MaxRetryAttempts = -1;

        var problems = options.Validate("Martech:PostmarkEU").ToList();

        Assert.Equal(10, problems.Count);
        foreach (string setting in (string[])["BaseAddress", "MessageStream", "BroadcastMessageStream", "CampaignIdMetadataKey", "MaxRecipientsPerMessage", "RateLimitPermits", "RateLimitWindow", "Resilience", "StatsUtcOffset", "StatsMessageStream"])
        {
            Assert.Contains(problems, p => p.StartsWith($"Martech:PostmarkEU:{setting} ", StringComparison.Ordinal) || p.StartsWith($"Martech:PostmarkEU:{setting}:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ToString_DoesNotShowTheServerToken()
    {
        var options = new PostmarkOptions { ServerToken = "very-secret-token" };

        Assert.DoesNotContain("very-secret-token", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPostmark_NoServerToken_FailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddPostmark();
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<PostmarkOptions>>().Get("Postmark"));

        Assert.Contains("Martech:Postmark:ServerToken is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPostmark_FromConfiguration_BindsEverySetting()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:PostmarkEU:ServerToken"] = "from-config",
            ["Martech:PostmarkEU:BaseAddress"] = "https://postmark.internal.example/",
            ["Martech:PostmarkEU:MessageStream"] = "transactional-eu",
            ["Martech:PostmarkEU:BroadcastMessageStream"] = "news-eu",
            ["Martech:PostmarkEU:TrackOpens"] = "true",
            ["Martech:PostmarkEU:TrackLinks"] = "HtmlOnly",
            ["Martech:PostmarkEU:MaxRecipientsPerMessage"] = "20",
            ["Martech:PostmarkEU:RateLimitPermits"] = "5",
            ["Martech:PostmarkEU:RateLimitWindow"] = "00:00:02",
            ["Martech:PostmarkEU:Resilience:MaxRetryAttempts"] = "1",
        }).Build();
        await using var wire = PostmarkWire.Create(name: "PostmarkEU", configuration: configuration.GetSection("Martech"));

        PostmarkOptions options = wire.Services.GetRequiredService<IOptionsMonitor<PostmarkOptions>>().Get("PostmarkEU");

        Assert.Equal("from-config", options.ServerToken);
        Assert.Equal(new Uri("https://postmark.internal.example/"), options.BaseAddress);
        Assert.Equal("transactional-eu", options.MessageStream);
        Assert.Equal("news-eu", options.BroadcastMessageStream);
        Assert.True(options.TrackOpens);
        Assert.Equal(PostmarkLinkTracking.HtmlOnly, options.TrackLinks);
        Assert.Equal(20, options.MaxRecipientsPerMessage);
        Assert.Equal(5, options.RateLimitPermits);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RateLimitWindow);
        Assert.Equal(1, options.Resilience.MaxRetryAttempts);
    }

    [Fact]
    public async Task AddPostmark_FromConfiguration_SendsToTheConfiguredAddressWithTheConfiguredToken()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Postmark:ServerToken"] = "from-config",
            ["Martech:Postmark:BaseAddress"] = "https://postmark.internal.example/api/",
        }).Build();
        await using var wire = PostmarkWire.Create(configuration: configuration.GetSection("Martech"));
        wire.Mock.When(HttpMethod.Post, "https://postmark.internal.example/api/email").Respond(async request =>
        {
            wire.Requests.Enqueue(await CapturedRequest.FromAsync(request));
            return PostmarkWire.Json(System.Net.HttpStatusCode.OK, """{"MessageID":"m1","ErrorCode":0,"Message":"OK"}""");
        });

        await wire.Sender.SendAsync(new EmailMessage { From = EmailAddress.Parse("a@example.com"), To = { EmailAddress.Parse("b@example.com") }, Subject = "S", TextBody = "T" });

        wire.Single().AssertPostmarkHeaders("from-config");
    }
}
