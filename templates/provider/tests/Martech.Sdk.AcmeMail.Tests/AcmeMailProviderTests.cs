using System.Text.Json.Nodes;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.AcmeMail.Tests;

/// <summary>What the conformance suite cannot know: AcmeMail's wire format, its errors and its settings.</summary>
public sealed class AcmeMailProviderTests : IAsyncLifetime
{
    private readonly AcmeMailEmulator _emulator = new();

    public Task InitializeAsync() => _emulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task SendAsync_SendsTheDocumentedRequest()
    {
        await using ServiceProvider services = Services(AcmeMailEmulator.DefaultApiKey);
        var message = new EmailMessage
        {
            From = new Mailbox(EmailAddress.Parse("hello@brand.example"), "Brand"),
            To = { EmailAddress.Parse("ada@example.com") },
            Subject = "Welcome",
            TextBody = "Hi Ada",
            Purpose = SendPurpose.Transactional,
        };

        EmailSendResult result = await services.GetRequiredService<IEmailSender>().SendAsync(message);

        RecordedRequest request = Assert.Single(_emulator.RequestLog.RequestsTo("POST", "/v1/messages"));
        Assert.Equal("Bearer " + AcmeMailEmulator.DefaultApiKey, request.Headers["Authorization"].ToString());
        JsonNode expected = JsonNode.Parse("""
            {"from":{"email":"hello@brand.example","name":"Brand"},"to":[{"email":"ada@example.com"}],"subject":"Welcome","text":"Hi Ada","purpose":"transactional"}
            """)!;
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(Assert.Single(_emulator.Messages).Json)), Assert.Single(_emulator.Messages).Json);
        Assert.Equal(Assert.Single(_emulator.Messages).Id, result.MessageId);
    }

    [Fact]
    public async Task SendAsync_WrongKey_IsAnAuthenticationError()
    {
        await using ServiceProvider services = Services("not-the-key");

        var error = await Assert.ThrowsAsync<MartechAuthenticationException>(() => services.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage
        {
            From = EmailAddress.Parse("hello@brand.example"),
            To = { EmailAddress.Parse("ada@example.com") },
            Subject = "Welcome",
            TextBody = "Hi",
        }));

        Assert.Contains("Invalid API key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", error.Message, StringComparison.Ordinal);
        Assert.Empty(_emulator.Messages);
    }

    [Fact]
    public async Task Options_WithoutApiKey_FailAtStartNamingTheSetting()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Martech:AcmeMail:BaseAddress"] = _emulator.BaseAddress.AbsoluteUri }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddAcmeMail();
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<AcmeMailOptions>>().Get("AcmeMail"));

        Assert.Contains("Martech:AcmeMail:ApiKey is required", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Services(string apiKey)
    {
        var services = new ServiceCollection();
        services.AddMartech().AddAcmeMail(configure: o =>
        {
            o.ApiKey = apiKey;
            o.BaseAddress = _emulator.BaseAddress;
        });
        return services.BuildServiceProvider();
    }
}
