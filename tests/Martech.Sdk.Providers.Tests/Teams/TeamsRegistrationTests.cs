using Martech.Sdk.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>Registration of a Teams instance: configuration binding, capabilities and metadata.</summary>
public sealed class TeamsRegistrationTests
{
    [Fact]
    public void AddTeams_FromConfiguration_BindsChannelsAndDefault()
    {
        var configuration = TeamsWire.Configuration(new()
        {
            ["Martech:TeamsOps:Channels:#new-leads"] = TeamsWire.LeadsUrl,
            ["Martech:TeamsOps:Channels:sales"] = TeamsWire.SalesUrl,
            ["Martech:TeamsOps:DefaultChannel"] = "sales",
            ["Martech:TeamsOps:RateLimitPermits"] = "2",
        });
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddTeams("TeamsOps");
        using ServiceProvider provider = services.BuildServiceProvider();

        TeamsOptions options = provider.GetRequiredService<IOptionsMonitor<TeamsOptions>>().Get("TeamsOps");

        Assert.Equal(new Uri(TeamsWire.LeadsUrl), options.FindWebhook("#NEW-LEADS"));
        Assert.Equal(new Uri(TeamsWire.SalesUrl), options.FindWebhook("default"));
        Assert.Equal(2, options.RateLimitPermits);
    }

    [Fact]
    public void AddTeams_Sender_AnswersMetadataOptionsAndItself()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddTeams(configure: o => o.AddChannel("sales", new Uri(TeamsWire.SalesUrl)));
        using ServiceProvider provider = services.BuildServiceProvider();

        IMessageSender sender = provider.GetRequiredKeyedService<IMessageSender>("Teams");

        var metadata = Assert.IsType<MartechProviderMetadata>(sender.GetService(typeof(MartechProviderMetadata)));
        Assert.Equal(new MartechProviderMetadata("Teams", "Teams"), metadata);
        Assert.IsType<TeamsOptions>(sender.GetService(typeof(TeamsOptions)));
        Assert.Same(sender, sender.GetService(typeof(IMessageSender)));
        Assert.Null(sender.GetService(typeof(IMessageSender), "other"));
    }

    [Fact]
    public void AddTeams_Transport_MasksEveryWebhookQueryParameter()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddTeams(configure: o => o.AddChannel("#new-leads", new Uri(TeamsWire.LeadsUrl)));
        using ServiceProvider provider = services.BuildServiceProvider();

        MartechHttpTransport transport = provider.GetRequiredKeyedService<MartechHttpTransport>("Teams");
        string redacted = transport.Redactor.RedactUrl(new Uri(TeamsWire.LeadsUrl));

        Assert.DoesNotContain(TeamsWire.Sig, redacted, StringComparison.Ordinal);
        Assert.True(transport.Redactor.IsSensitiveQueryParameter("sig"));
        Assert.True(transport.Redactor.IsSensitiveQueryParameter("sp"));
    }

    [Fact]
    public void AddTeams_NullBuilder_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TeamsMartechBuilderExtensions.AddTeams(null!));
    }
}
