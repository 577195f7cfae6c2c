using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Tenants;

/// <summary>One registered HubSpot instance serving two tenants, each a portal of its own (its own emulator on
/// 127.0.0.1 with its own private-app token), chosen per call.</summary>
public sealed class HubSpotTenantsTests : IAsyncLifetime
{
    // Disposed in DisposeAsync (IAsyncLifetime).
    private HubSpotEmulator Acme { get; } = new() { AccessToken = "pat-acme-portal-0001" };

    private HubSpotEmulator Globex { get; } = new() { AccessToken = "pat-globex-portal-0002" };

    public async Task InitializeAsync()
    {
        await Acme.StartAsync();
        await Globex.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Acme.DisposeAsync();
        await Globex.DisposeAsync();
    }

    [Fact]
    public async Task UpsertAsync_TwoTenants_EachWritesToItsOwnPortalWithItsOwnToken()
    {
        var tenants = new Dictionary<string, MartechTenantCredentials>
        {
            ["acme"] = new(MartechAuthentications.Bearer(Acme.AccessToken!)) { BaseAddress = Acme.BaseAddress },
            ["globex"] = new(MartechAuthentications.Bearer(Globex.AccessToken!)) { BaseAddress = Globex.BaseAddress },
        };
        var services = new ServiceCollection();
        services.AddMartech()
            .AddHubSpot(configure: o =>
            {
                // The instance's own address and token: never used, since every call names a tenant.
                o.BaseAddress = Acme.BaseAddress;
                o.AccessToken = "pat-instance-unused";
                o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            })
            .UseTenantCredentials((request, _) => ValueTask.FromResult(tenants.GetValueOrDefault(request.Tenant)));
        await using ServiceProvider sp = services.BuildServiceProvider();
        var contacts = sp.GetRequiredService<IContactClient>();

        using (MartechTenant.Use("acme"))
        {
            await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@acme.example") });
        }

        using (MartechTenant.Use("globex"))
        {
            await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("grace@globex.example") });
            await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("alan@globex.example") });
        }

        await Assert.ThrowsAsync<MartechTenantException>(() => contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("nobody@example.com") }));

        Assert.Equal(["ada@acme.example"], Acme.Contacts.Items.Select(c => c["email"]));
        Assert.Equal(["alan@globex.example", "grace@globex.example"], Globex.Contacts.Items.Select(c => c["email"]).Order(StringComparer.Ordinal));
        Assert.All(Acme.RequestLog.Requests, r => Assert.True(r.StatusCode < 400, $"acme answered {r.StatusCode} to {r.Path}"));
        Assert.All(Globex.RequestLog.Requests, r => Assert.True(r.StatusCode < 400, $"globex answered {r.StatusCode} to {r.Path}"));
    }
}
