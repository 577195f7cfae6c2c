using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Emulators;

/// <summary>What the base class does when a derived emulator overrides nothing but its routes.</summary>
public class VendorEmulatorDefaultsTests
{
    [Fact]
    public async Task RateLimit_DefaultHooks_NoHeadersAndAGenericBody()
    {
        await using var emulator = new BareEmulator { RateLimit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) } };
        await emulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using HttpResponseMessage admitted = await http.GetAsync("hello");
        using HttpResponseMessage rejected = await http.GetAsync("hello");

        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.DoesNotContain(admitted.Headers, h => h.Key.Contains("RateLimit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), rejected.Headers.RetryAfter?.Delta);
        Assert.Equal("""{"error":"rate_limited","message":"Too many requests."}""", await rejected.Content.ReadAsStringAsync());
        Assert.Equal("application/json", rejected.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ServerError_DefaultHook_GenericBody()
    {
        await using var emulator = new BareEmulator();
        await emulator.StartAsync();
        emulator.Faults.Next(1, EmulatorFault.ServerError(504));
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using HttpResponseMessage response = await http.GetAsync("hello");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("""{"error":"server_error","message":"Injected server error."}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConfigureServices_ServicesReachTheRoutes()
    {
        await using var emulator = new BareEmulator();
        await emulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        Assert.Equal("hello from a service", await http.GetStringAsync("hello"));
        Assert.Equal("BareEmulator at " + emulator.BaseAddress, emulator.ToString());
    }

    [Fact]
    public async Task StoppingToken_CancelledWhenTheEmulatorStops()
    {
        await using var emulator = new BareEmulator();
        await emulator.StartAsync();
        CancellationToken stopping = emulator.Stopping;
        Assert.False(stopping.IsCancellationRequested);

        await emulator.StopAsync();

        Assert.True(stopping.IsCancellationRequested);
    }

    [Fact]
    public async Task TimeProvider_Null_Throws()
    {
        await using var emulator = new BareEmulator();

        Assert.Same(TimeProvider.System, emulator.TimeProvider);
        Assert.Throws<ArgumentNullException>("value", () => emulator.TimeProvider = null!);
    }

    [Fact]
    public void JsonPresets_NameStylesAndAreFrozen()
    {
        var value = new { FirstName = "Ada", LastSeenAt = 1 };

        Assert.Equal("""{"firstName":"Ada","lastSeenAt":1}""", JsonSerializer.Serialize(value, EmulatorJson.CamelCase));
        Assert.Equal("""{"first_name":"Ada","last_seen_at":1}""", JsonSerializer.Serialize(value, EmulatorJson.SnakeCase));
        Assert.Equal("""{"FirstName":"Ada","LastSeenAt":1}""", JsonSerializer.Serialize(value, EmulatorJson.PascalCase));
        Assert.Throws<InvalidOperationException>(() => EmulatorJson.CamelCase.WriteIndented = true);
    }

    [Fact]
    public async Task EmulatorJson_ReadNodeAsync_ReadsTheRequestBody()
    {
        await using var emulator = new BareEmulator();
        await emulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using HttpResponseMessage response = await http.PostAsync("echo", new StringContent("""{"properties":{"email":"a@b.c"}}"""));

        Assert.Equal("a@b.c", await response.Content.ReadAsStringAsync());
    }

    private sealed class BareEmulator : VendorEmulator
    {
        public CancellationToken Stopping => StoppingToken;

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new Greeting("hello from a service"));

        protected override void MapRoutes(IEndpointRouteBuilder routes)
        {
            routes.MapGet("/hello", (Greeting greeting) => greeting.Text);
            routes.MapPost("/echo", async (HttpRequest request) =>
            {
                JsonNode? body = await EmulatorJson.ReadNodeAsync(request, request.HttpContext.RequestAborted);
                return body?["properties"]?["email"]?.GetValue<string>() ?? "";
            });
        }
    }

    private sealed record Greeting(string Text);
}
