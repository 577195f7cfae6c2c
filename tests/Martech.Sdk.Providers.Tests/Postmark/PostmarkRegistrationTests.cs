using System.Net;
using Martech.Sdk.Postmark;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>What <c>AddPostmark</c> registers, and what its clients answer to <c>GetService</c>.</summary>
public sealed class PostmarkRegistrationTests
{
    [Fact]
    public async Task AddPostmark_RegistersSenderAndSuppressionListKeyedAndAsDefaults()
    {
        await using var wire = PostmarkWire.Create();

        Assert.NotNull(wire.Services.GetRequiredKeyedService<IEmailSender>("Postmark"));
        Assert.NotNull(wire.Services.GetRequiredKeyedService<IEmailSuppressionList>("Postmark"));
        Assert.NotNull(wire.Services.GetRequiredService<IEmailSender>());
        Assert.NotNull(wire.Services.GetRequiredService<IEmailSuppressionList>());
        Assert.Null(wire.Services.GetService<IContactClient>());
    }

    [Fact]
    public async Task GetService_AnswersMetadataOptionsAndItself()
    {
        await using var wire = PostmarkWire.Create(name: "PostmarkEU");

        Assert.Equal(new MartechProviderMetadata("PostmarkEU", "Postmark"), wire.Sender.GetService<MartechProviderMetadata>());
        Assert.Equal(new MartechProviderMetadata("PostmarkEU", "Postmark"), wire.Suppressions.GetService<MartechProviderMetadata>());
        Assert.Equal(PostmarkWire.Token, wire.Sender.GetService<PostmarkOptions>()!.ServerToken);
        Assert.Same(wire.Sender, wire.Sender.GetService<IEmailSender>());
        Assert.Same(wire.Suppressions, wire.Suppressions.GetService<IEmailSuppressionList>());
        Assert.Null(wire.Sender.GetService<IEmailSender>("some-key"));
        Assert.Null(wire.Sender.GetService<IContactClient>());
    }

    [Fact]
    public async Task AddPostmark_TwoInstances_EachUsesItsOwnTokenAndStreams()
    {
        var mock = new MockHttpMessageHandler();
        var seen = new List<CapturedRequest>();
        mock.When(HttpMethod.Post, PostmarkWire.Api + "email").Respond(async request =>
        {
            var captured = await CapturedRequest.FromAsync(request);
            lock (seen)
            {
                seen.Add(captured);
            }

            return PostmarkWire.Json(HttpStatusCode.OK, """{"MessageID":"m","ErrorCode":0,"Message":"OK"}""");
        });
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddPostmark("PostmarkUS", o => o.ServerToken = "us-token");
        martech.AddPostmark("PostmarkEU", o =>
        {
            o.ServerToken = "eu-token";
            o.MessageStream = "eu-outbound";
        });
        services.AddHttpClient("PostmarkUS").ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddHttpClient("PostmarkEU").ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();
        var message = new EmailMessage { From = EmailAddress.Parse("a@example.com"), To = { EmailAddress.Parse("b@example.com") }, Subject = "S", TextBody = "T", Purpose = SendPurpose.Transactional };

        await provider.GetRequiredKeyedService<IEmailSender>("PostmarkUS").SendAsync(message);
        await provider.GetRequiredKeyedService<IEmailSender>("PostmarkEU").SendAsync(message);

        Assert.Equal(["us-token", "eu-token"], seen.Select(r => r.Headers["X-Postmark-Server-Token"]));
        Assert.Equal(["outbound", "eu-outbound"], seen.Select(r => r.Json!["MessageStream"]!.GetValue<string>()));
    }
}
