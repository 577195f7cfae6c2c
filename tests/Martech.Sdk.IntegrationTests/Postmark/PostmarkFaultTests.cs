using System.Net;
using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Postmark;

/// <summary>Postmark's email send with a broken answer or a 5xx (<see cref="ProviderFaultTests"/>), and its documented
/// maintenance answer (503, code 100), which did not process the send.</summary>
public sealed class PostmarkFaultTests(PostmarkEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<PostmarkEmulatorFixture>
{
    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "POST";

    protected override string WritePath => "/email";

    protected override IReadOnlyList<string> Secrets => [fixture.Emulator.ServerToken];

    [Fact]
    public async Task Write_MaintenanceAnswer_NotProcessed_SentOnce()
    {
        Emulator.Faults.Next(1, WriteMethod, WritePath, EmulatorFault.ServerError(503));

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => WriteAsync(Services));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("100", ex.ErrorCode);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.DoesNotContain("may have been processed", ex.Message, StringComparison.Ordinal);
        Assert.Single(Emulator.RequestLog.RequestsTo(WriteMethod, WritePath));
    }

    protected override ServiceProvider CreateServices() => fixture.CreateServices();

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IEmailSender>("Postmark").SendAsync(FaultMessages.Email("news@example.com"));

    protected override void AssertServerError(MartechRequestException exception) =>
        Assert.Empty(fixture.Emulator.SentEmails);
}
