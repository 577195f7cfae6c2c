using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.Slas.Slos;

/// <summary>Objectives bind from <c>Martech:Slos</c>, and misconfiguration stops the host with a message naming the fix.</summary>
public sealed class VendorSloOptionsTests
{
    [Fact]
    public void Bind_InstanceSectionsAndSettings_BecomeObjectivesAndSettings()
    {
        IConfiguration martech = Configuration(new()
        {
            ["Slos:SendGrid:Availability"] = "99.9",
            ["Slos:SendGrid:LatencyP95"] = "00:00:01.5",
            ["Slos:SendGrid:Window"] = "30.00:00:00",
            ["Slos:SendGrid:Operations:mail.send:LatencyP99"] = "00:00:03",
            ["Slos:Mailgun:Availability"] = "99.5",
            ["Slos:EvaluationInterval"] = "00:00:30",
            ["Slos:MinimumRequests"] = "50",
            ["Slos:Escalation:Provider"] = "Chat",
            ["Slos:Escalation:Destination"] = "#vendor-alerts",
        });
        using ServiceProvider sp = Services(martech, "SendGrid", "Mailgun").BuildServiceProvider();

        VendorSloOptions options = sp.GetRequiredService<IOptions<VendorSloOptions>>().Value;

        Assert.Equal(["Mailgun", "SendGrid"], options.Providers.Keys.Order());
        VendorSloObjectives sendGrid = options.Providers["sendgrid"];
        Assert.Equal(99.9, sendGrid.Availability);
        Assert.Equal(TimeSpan.FromSeconds(1.5), sendGrid.LatencyP95);
        Assert.Equal(TimeSpan.FromDays(30), sendGrid.Window);
        Assert.Equal(TimeSpan.FromSeconds(3), sendGrid.Operations["mail.send"].LatencyP99);
        Assert.Equal(TimeSpan.FromSeconds(30), options.EvaluationInterval);
        Assert.Equal(50, options.MinimumRequests);
        Assert.Equal(MessageDestination.Channel("vendor-alerts"), options.Escalation.ParseDestination());
    }

    [Fact]
    public void Start_ObjectiveForAnUnregisteredInstance_FailsNamingTheRegisteredOnes()
    {
        IConfiguration martech = Configuration(new() { ["Slos:SendGird:Availability"] = "99.9" });
        ServiceCollection services = Services(martech, "SendGrid", "Mailgun");

        var ex = Assert.Throws<OptionsValidationException>(() => StartAsAHostWould(services));

        Assert.Contains("Martech:Slos:SendGird sets objectives for 'SendGird', but no provider instance has that name. Registered instances: SendGrid, Mailgun, Chat. Use one of them, or register the instance (such as AddSendGrid(\"SendGird\")).", ex.Failures);
    }

    [Fact]
    public void Start_ObjectivesOutOfRange_FailWithTheirConfigurationPaths()
    {
        IConfiguration martech = Configuration(new()
        {
            ["Slos:SendGrid:Availability"] = "100",
            ["Slos:SendGrid:LatencyP99"] = "-00:00:01",
            ["Slos:SendGrid:Window"] = "120.00:00:00",
            ["Slos:SendGrid:Operations:mail.send:Availability"] = "0",
            ["Slos:ShortWindow"] = "07:00:00",
            ["Slos:MinimumRequests"] = "0",
        });
        ServiceCollection services = Services(martech, "SendGrid");

        var ex = Assert.Throws<OptionsValidationException>(() => StartAsAHostWould(services));

        Assert.Contains(ex.Failures, f => f.StartsWith("Martech:Slos:SendGrid:Availability must be a percentage greater than 0 and less than 100, such as 99.9 (was 100): 100 leaves no error budget.", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Martech:Slos:SendGrid:LatencyP99 must be between 0 and 1 day", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Martech:Slos:SendGrid:Window must be between 1 minute and 90 days (was 120.00:00:00).", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Martech:Slos:SendGrid:Operations:mail.send:Availability must be a percentage", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Martech:Slos:ShortWindow must be at least Martech:Slos:FineBucket and shorter than Martech:Slos:LongWindow", StringComparison.Ordinal));
        Assert.Contains("Martech:Slos:MinimumRequests must be at least 1 (was 0).", ex.Failures);
    }

    [Fact]
    public void Start_EscalationToAnInstanceThatCannotSendMessages_FailsNamingThoseThatCan()
    {
        IConfiguration martech = Configuration(new()
        {
            ["Slos:Escalation:Provider"] = "SendGrid",
            ["Slos:Escalation:Destination"] = "#vendor-alerts",
        });
        ServiceCollection services = Services(martech, "SendGrid");

        var ex = Assert.Throws<OptionsValidationException>(() => StartAsAHostWould(services));

        Assert.Contains("Martech:Slos:Escalation:Provider names 'SendGrid', which does not send messages. Instances that do: Chat.", ex.Failures);
    }

    [Fact]
    public void Start_EscalationWithoutDestinationOrWithAnUnknownKind_Fails()
    {
        var options = new VendorSloOptions { Escalation = { Provider = "Chat", Destination = "room:42" } };
        var unset = new VendorSloOptions { Escalation = { Destination = "#alerts" } };

        Assert.Contains(options.Validate("Martech:Slos"), f => f.Contains("Martech:Slos:Escalation:Destination is invalid: 'room:42' has the unknown destination kind 'room': write #<channel>", StringComparison.Ordinal));
        Assert.Contains(unset.Validate("Martech:Slos"), f => f.StartsWith("Martech:Slos:Escalation:Destination is set but Martech:Slos:Escalation:Provider is not", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_ValidConfiguration_Starts()
    {
        IConfiguration martech = Configuration(new()
        {
            ["Slos:sendgrid:Availability"] = "99.9",
            ["Slos:Escalation:Provider"] = "chat",
            ["Slos:Escalation:Destination"] = "user:U123",
        });

        using ServiceProvider sp = StartAsAHostWould(Services(martech, "SendGrid"));

        Assert.NotNull(sp.GetRequiredService<IVendorSloMonitor>());
    }

    [Fact]
    public void Validate_FineBucketsBeyondTheLimit_NamesTheSettings()
    {
        var options = new VendorSloOptions { FineBucket = TimeSpan.FromSeconds(1), ShortWindow = TimeSpan.FromHours(1), LongWindow = TimeSpan.FromHours(2) };

        Assert.Contains(options.Validate("Martech:Slos"), f => f.StartsWith("Martech:Slos:LongWindow (02:00:00) needs 7201 buckets of Martech:Slos:FineBucket (00:00:01); at most 4000", StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>Email instances with the given names (fakes that never call out) and an in-memory "Chat" for messages.</summary>
    private static ServiceCollection Services(IConfiguration martech, params string[] emailInstances)
    {
        var services = new ServiceCollection();
        MartechBuilder builder = services.AddMartech(martech);
        foreach (string name in emailInstances)
        {
            builder.AddProvider(name, name).AddCapability<IEmailSender>(_ => throw new InvalidOperationException("not used"));
        }

        builder.AddInMemory("Chat");
        builder.AddVendorSlos();
        return services;
    }

    private static ServiceProvider StartAsAHostWould(ServiceCollection services) => Core.StartupValidationTests.StartAsAHostWould(services);
}
