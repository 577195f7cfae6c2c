using Martech.Sdk.Pipedrive;
using Microsoft.Extensions.DependencyInjection;
using static Martech.Sdk.Providers.Tests.Pipedrive.PipedriveWire;

namespace Martech.Sdk.Providers.Tests.Pipedrive;

public sealed class PipedriveRegistrationTests
{
    [Fact]
    public void AddPipedrive_RegistersContactsAndLeadsUnderItsName()
    {
        using var mock = NewMock();
        using ServiceProvider services = Build(mock, name: "PipedriveEU");

        IContactClient contacts = services.GetRequiredKeyedService<IContactClient>("PipedriveEU");
        ILeadClient leads = services.GetRequiredKeyedService<ILeadClient>("PipedriveEU");

        Assert.Equal(new MartechProviderMetadata("PipedriveEU", "Pipedrive"), contacts.GetService<MartechProviderMetadata>());
        Assert.Equal(new MartechProviderMetadata("PipedriveEU", "Pipedrive"), leads.GetService<MartechProviderMetadata>());
        Assert.Equal(Token, contacts.GetService<PipedriveOptions>()?.ApiToken);
        Assert.Same(contacts, services.GetRequiredService<IContactClient>());
        Assert.Null(contacts.GetService(typeof(IEmailSender)));
        Assert.Null(contacts.GetService(typeof(MartechProviderMetadata), "key"));
        Assert.Null(services.GetService<IEmailSender>());
    }

    [Fact]
    public void AddPipedrive_TwoInstances_AreIndependent()
    {
        using var mock = NewMock();
        var services = new ServiceCollection();
        var martech = services.AddMartech();
        martech.AddPipedrive("A", o => o.ApiToken = "token-a");
        martech.AddPipedrive("B", o => o.ApiToken = "token-b");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("token-a", provider.GetRequiredKeyedService<IContactClient>("A").GetService<PipedriveOptions>()?.ApiToken);
        Assert.Equal("token-b", provider.GetRequiredKeyedService<IContactClient>("B").GetService<PipedriveOptions>()?.ApiToken);
        Assert.Equal(["A", "B"], martech.ProviderNames);
    }

    [Fact]
    public void AddPipedrive_NullBuilder_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PipedriveMartechBuilderExtensions.AddPipedrive(null!));
    }
}
