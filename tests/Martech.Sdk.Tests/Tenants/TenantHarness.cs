using System.Collections.Concurrent;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Tenants;

/// <summary>One provider instance "Acme" with the real transport over MockHttp and per-tenant credentials from a
/// dictionary resolver that counts its calls.</summary>
internal sealed class TenantHarness : IDisposable
{
    public const string InstanceKey = "instance-key-0001";
    public static readonly Uri BaseAddress = new("https://api.acme.example/v1/");

    private readonly ServiceProvider _services;

    public TenantHarness(
        Action<MartechTenantOptions>? tenantOptions = null,
        Action<MartechHttpOptions>? configure = null,
        LogLevel logLevel = LogLevel.None,
        Func<MartechCredentialRequest, CancellationToken, ValueTask<MartechTenantCredentials?>>? resolver = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        Logs = new ScopeRecordingLoggerProvider(logLevel);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        var provider = services.AddMartech().AddProvider("Acme", "AcmeCrm");
        provider.AddHttpTransport(_ =>
        {
            var options = new MartechHttpOptions
            {
                BaseAddress = BaseAddress,
                Authentication = MartechAuthentications.Bearer(InstanceKey),
                Resilience = { MaxRetryAttempts = 0, AttemptTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromMinutes(2) },
                RateLimit = { PermitLimit = 10_000, Window = TimeSpan.FromSeconds(1) },
            };
            configure?.Invoke(options);
            return options;
        }).ConfigurePrimaryHttpMessageHandler(() => Mock);
        provider.UseTenantCredentials(resolver ?? ResolveAsync, tenantOptions);
        _services = services.BuildServiceProvider();
        Transport = _services.GetRequiredKeyedService<MartechHttpTransport>("Acme");
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public ManualTimeProvider Time { get; } = new();

    public ScopeRecordingLoggerProvider Logs { get; }

    public MartechHttpTransport Transport { get; }

    /// <summary>The tenants the default resolver knows.</summary>
    public ConcurrentDictionary<string, MartechTenantCredentials> Tenants { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times the resolver was asked, per tenant.</summary>
    public ConcurrentDictionary<string, int> Resolutions { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, the resolver waits for it (so concurrent first calls overlap).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public IServiceProvider Services => _services;

    public MartechTenantContexts Contexts => _services.GetRequiredKeyedService<MartechTransportContext>("Acme").Tenants!;

    public void AddTenant(string tenant, string key, Uri? baseAddress = null) =>
        Tenants[tenant] = new MartechTenantCredentials(MartechAuthentications.Bearer(key)) { BaseAddress = baseAddress };

    public static HttpRequestMessage Get(string path, string? tenant = null, string? operation = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (tenant is not null || operation is not null)
        {
            new MartechRequestOptions { Tenant = tenant, Operation = operation }.ApplyTo(request);
        }

        return request;
    }

    /// <summary>Sends a GET and returns the Authorization header the vendor saw.</summary>
    public async Task<string?> SendAsync(string path = "contacts", string? tenant = null)
    {
        using HttpRequestMessage request = Get(path, tenant);
        using HttpResponseMessage response = await Transport.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Answers every GET under the base address with the Authorization header it carried.</summary>
    public MockedRequest EchoAuthorization(Uri? baseAddress = null) =>
        Mock.When(HttpMethod.Get, (baseAddress ?? BaseAddress).AbsoluteUri + "*")
            .Respond(request => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(request.Headers.Authorization?.ToString() ?? "none") });

    public void Dispose()
    {
        _services.Dispose();
        Mock.Dispose();
    }

    private async ValueTask<MartechTenantCredentials?> ResolveAsync(MartechCredentialRequest request, CancellationToken cancellationToken)
    {
        Resolutions.AddOrUpdate(request.Tenant, 1, (_, n) => n + 1);
        if (Hold is { } hold)
        {
            await hold.Task;
        }

        return Tenants.TryGetValue(request.Tenant, out MartechTenantCredentials? credentials) ? credentials : null;
    }
}

/// <summary>Records log lines with the scopes active when they were written.</summary>
internal sealed class ScopeRecordingLoggerProvider(LogLevel minimum) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(LogLevel Level, string Message, string Scopes, Exception? Exception)> Entries { get; } = new();

    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Message} [{e.Scopes}] {e.Exception}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, minimum);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeRecordingLoggerProvider owner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
            owner.Entries.Enqueue((logLevel, formatter(state, exception), string.Join(" > ", scopes), exception));
        }
    }
}
