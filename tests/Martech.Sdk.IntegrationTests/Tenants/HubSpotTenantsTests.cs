using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Tenants;

/// <summary>One registered HubSpot instance serving two tenants, each a portal of its own (its own emulator on
/// 127.0.0.1 with its own private-app token), chosen per call.</summary>
public sealed class HubSpotTenantsTests : IAsyncLifetime
{
    private readonly HubSpotEmulator _acme = new() { AccessToken = "pat-acme-portal-0001" };
    private readonly HubSpotEmulator _globex = new() { AccessToken = "pat-globex-portal-0002" };

    public async Task InitializeAsync()
    {
        await _acme.StartAsync();
        await _globex.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _acme.DisposeAsync();
        await _globex.DisposeAsync();
    }

    [Fact]
    public async Task UpsertAsync_TwoTenants_EachWritesToItsOwnPortalWithItsOwnToken()
    {
        var tenants = new Dictionary<string, MartechTenantCredentials>
        {
            ["acme"] = new(MartechAuthentications.Bearer(_acme.AccessToken!)) { BaseAddress = _acme.BaseAddress },
            ["globex"] = new(MartechAuthentications.Bearer(_globex.AccessToken!)) { BaseAddress = _globex.BaseAddress },
        };
        var services = new ServiceCollection();
        services.AddMartech()
            .AddHubSpot(configure: o =>
            {
                // The instance's own address and token: never used, since every call names a tenant.
                o.BaseAddress = _acme.BaseAddress;
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

        Assert.Equal(["ada@acme.example"], _acme.Contacts.Items.Select(c => c["email"]));
        Assert.Equal(["alan@globex.example", "grace@globex.example"], _globex.Contacts.Items.Select(c => c["email"]).Order(StringComparer.Ordinal));
        Assert.All(_acme.RequestLog.Requests, r => Assert.True(r.StatusCode < 400, $"acme answered {r.StatusCode} to {r.Path}"));
        Assert.All(_globex.RequestLog.Requests, r => Assert.True(r.StatusCode < 400, $"globex answered {r.StatusCode} to {r.Path}"));
    }
}
