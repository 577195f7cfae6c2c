using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.Core;

/// <summary>Each middleware's dependencies are checked when the host starts (<see cref="IStartupValidator"/>, what
/// <c>Host.StartAsync</c> runs), with a message that names the fix, never at the first call.</summary>
public class StartupValidationTests
{
    [Fact]
    public void UseConsent_OnEmailWithoutAContactsProvider_FailsAtStartNamingTheFix()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("Mailer", "Fake").AddCapability<IEmailSender>(_ => new NoEmail()).UseConsent();

        var ex = Assert.Throws<OptionsValidationException>(() => StartAsAHostWould(services));

        Assert.Contains("UseConsent() on 'Mailer' needs a contacts provider for consent look-ups: add one (AddHubSpot(), AddSalesforce(), AddPipedrive(), AddInMemory()) or set Martech:Defaults:Contacts.", ex.Failures);
    }

    [Fact]
    public void UseConsent_OnMessagingWithoutAContactsProvider_FailsAtStart()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("Sms", "Fake").AddCapability<IMessageSender>(_ => new NoMessages()).UseConsent();

        var ex = Assert.Throws<OptionsValidationException>(() => StartAsAHostWould(services));

        Assert.Contains(ex.Failures, f => f.StartsWith("UseConsent() on 'Sms' needs a contacts provider", StringComparison.Ordinal));
    }

    [Fact]
    public void UseConsent_NamedProvidersThatCannotServe_FailAtStartNamingThem()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory();
        martech.AddProvider("Mailer", "Fake").AddCapability<IEmailSender>(_ => new NoEmail())
            .UseConsent(o => { o.ContactsProvider = "Mailer"; o.SuppressionsProvider = "Nowhere"; });
        martech.AddProvider("Other", "Fake").AddCapability<IEmailSender>(_ => new NoEmail())
            .UseConsent(o => o.ContactsProvider = "Missing");

        var ex = Assert.Throws<OptionsValidationException>(() => StartAsAHostWould(services));

        Assert.Contains(ex.Failures, f => f.StartsWith("UseConsent() on 'Mailer': ConsentOptions.ContactsProvider names 'Mailer', which does not supply contacts. Instances that do: InMemory.", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("UseConsent() on 'Mailer': ConsentOptions.SuppressionsProvider names 'Nowhere'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("UseConsent() on 'Other': ConsentOptions.ContactsProvider names 'Missing', but no provider instance has that name.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseConsent_ProviderNamedInAnotherCase_StartsAndReadsConsentFromIt()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory("Crm");
        martech.AddInMemory("Mail").UseConsent(o => { o.ContactsProvider = "crm"; o.SuppressionsProvider = "MAIL"; });
        using ServiceProvider provider = StartAsAHostWould(services);
        await provider.GetRequiredKeyedService<IContactClient>("Crm").UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), EmailConsent = Consent.Granted("form") });

        var message = new EmailMessage { From = EmailAddress.Parse("news@brand.example"), Subject = "News", TextBody = "Hi" };
        message.To.Add(EmailAddress.Parse("ada@example.com"));
        message.To.Add(EmailAddress.Parse("grace@example.com"));
        EmailSendResult result = await provider.GetRequiredKeyedService<IEmailSender>("Mail").SendAsync(message);

        Assert.Equal([EmailAddress.Parse("ada@example.com")], result.AcceptedRecipients);
    }

    [Fact]
    public void UseConsent_WithAContactsProviderRegisteredLater_Starts()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddProvider("Mailer", "Fake").AddCapability<IEmailSender>(_ => new NoEmail()).UseConsent();
        martech.AddInMemory("Crm");

        StartAsAHostWould(services);
    }

    [Fact]
    public void UseConsent_OnAnInstanceThatSendsNothing_NeedsNothing()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("Crm", "Fake").AddCapability<ILeadClient>(_ => null!).UseConsent();

        StartAsAHostWould(services);
    }

    [Fact]
    public void UseSuppressionCache_OnAnInstanceWithoutASuppressionList_FailsAtStartNamingTheFix()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("Crm", "Fake").AddCapability<ILeadClient>(_ => null!).UseSuppressionCache();

        var ex = Assert.Throws<OptionsValidationException>(() => StartAsAHostWould(services));

        Assert.Contains("UseSuppressionCache() on 'Crm': the instance has no suppression list to cache. Call it on an email instance that has one (AddSendGrid(), AddMailgun(), AddPostmark(), AddInMemory()), or remove it.", ex.Failures);
    }

    [Fact]
    public void UseSuppressionCache_OnAnInstanceWithASuppressionList_Starts()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory().UseSuppressionCache().UseConsent();

        using ServiceProvider provider = StartAsAHostWould(services);

        Assert.IsType<CachingEmailSuppressionList>(provider.GetRequiredService<IEmailSuppressionList>().GetService(typeof(CachingEmailSuppressionList)));
    }

    [Fact]
    public void UseLoggingAndUseOpenTelemetry_NeedNothing_EveryCapabilityResolvesAfterStart()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory().UseLogging().UseOpenTelemetry().UseConsent();

        using ServiceProvider provider = StartAsAHostWould(services);

        foreach (var (type, _) in MartechCapabilities.All)
        {
            Assert.NotNull(provider.GetRequiredService(type));
        }
    }

    internal static ServiceProvider StartAsAHostWould(IServiceCollection services)
    {
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    private sealed class NoEmail : IEmailSender
    {
        public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not called");

        public Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not called");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }

    private sealed class NoMessages : IMessageSender
    {
        public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not called");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
