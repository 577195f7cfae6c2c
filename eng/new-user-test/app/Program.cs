// The new-user test app: what a new user writes after `dotnet add package Martech.Sdk.SendGrid`, `Martech.Sdk.HubSpot`,
// `Martech.Sdk.Testing` and `Microsoft.Extensions.Hosting`, with every setting in appsettings.json. The vendors are the
// emulators of Martech.Sdk.Testing on 127.0.0.1; only their addresses are added to the configuration here.
//
//   dotnet run                 send the welcome email through SendGrid and upsert the contact in HubSpot, then check
//                              what the emulators received
//   dotnet run -- --run PATH   start the emulators, run the program at PATH against them (the Native AOT app, given
//                              their addresses as Martech__SendGrid__BaseAddress and Martech__HubSpot__BaseAddress),
//                              then check what the emulators received
// Exit code 0 when every check passed, 1 otherwise.
using System.Diagnostics;
using Martech.Sdk;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var failures = 0;
var builder = Host.CreateApplicationBuilder(args);
IConfiguration welcome = builder.Configuration.GetSection("Welcome");

// The emulators accept only the credentials in appsettings.json: a key that did not reach the provider gets 401.
await using var sendGrid = new SendGridEmulator { ApiKey = builder.Configuration["Martech:SendGrid:ApiKey"] };
await using var hubSpot = new HubSpotEmulator { AccessToken = builder.Configuration["Martech:HubSpot:AccessToken"] };
await sendGrid.StartAsync();
await hubSpot.StartAsync();
Console.WriteLine($"emulators: SendGrid at {sendGrid.BaseAddress}, HubSpot at {hubSpot.BaseAddress}");

string? messageId;
if (args is ["--run", string program])
{
    messageId = null;
    await RunAsync(program);
}
else
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Martech:SendGrid:BaseAddress"] = sendGrid.BaseAddress.ToString(),
        ["Martech:HubSpot:BaseAddress"] = hubSpot.BaseAddress.ToString(),
    });

    // --- the app as a new user writes it ---
    builder.Services.AddMartech(builder.Configuration.GetSection("Martech"))
        .AddSendGrid()                 // Martech:SendGrid
        .Martech.AddHubSpot();         // Martech:HubSpot
    using var host = builder.Build();
    await host.StartAsync();

    var contacts = host.Services.GetRequiredService<IContactClient>();
    var upsert = await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse(welcome["To"]), FirstName = "Ada", LastName = "Lovelace" });
    Console.WriteLine($"contact {welcome["To"]} {(upsert.Created ? "created" : "updated")} in HubSpot as {upsert.Value.Id}");

    var email = host.Services.GetRequiredService<IEmailSender>();
    var message = new EmailMessage { From = EmailAddress.Parse(welcome["From"]), Subject = welcome["Subject"], TextBody = welcome["Text"] };
    message.To.Add(EmailAddress.Parse(welcome["To"]));
    var result = await email.SendAsync(message);
    Console.WriteLine($"email to {welcome["To"]} {result.Status} by SendGrid as {result.MessageId}");
    // --- end ---

    await host.StopAsync();
    messageId = result.MessageId;
}

// What the vendors received.
void Check(bool passed, string what)
{
    Console.WriteLine($"  {(passed ? "ok  " : "FAIL")} {what}");
    failures += passed ? 0 : 1;
}

var sent = sendGrid.Messages;
Check(sent.Count == 1, $"SendGrid accepted one message (got {sent.Count})");
if (sent.Count == 1)
{
    var m = sent[0];
    Check(m.From == welcome["From"] && m.To.SequenceEqual([welcome["To"]!]), $"from {m.From} to {string.Join(", ", m.To)}");
    Check(m.Subject == welcome["Subject"] && m.Text == welcome["Text"], $"subject and text from appsettings.json ('{m.Subject}')");
    Check(messageId is null || messageId == m.MessageId, $"the send result carries SendGrid's message id {m.MessageId}");
}

var stored = hubSpot.Contacts.Items;
Check(stored.Count == 1, $"HubSpot holds one contact (got {stored.Count})");
if (stored.Count == 1)
{
    var c = stored[0];
    Check(string.Equals(c["email"], welcome["To"], StringComparison.OrdinalIgnoreCase), $"its email is {c["email"]}");
    Check(c["firstname"] == "Ada" && c["lastname"] == "Lovelace", $"its name is {c["firstname"]} {c["lastname"]}");
}

Console.WriteLine(failures == 0 ? "new-user app: every check passed" : $"new-user app: {failures} check(s) failed");
return failures == 0 ? 0 : 1;

async Task RunAsync(string program)
{
    var path = Path.GetFullPath(program);
    var start = new ProcessStartInfo(path) { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(path) };
    start.Environment["Martech__SendGrid__BaseAddress"] = sendGrid.BaseAddress.ToString();
    start.Environment["Martech__HubSpot__BaseAddress"] = hubSpot.BaseAddress.ToString();
    Console.WriteLine($"running {path}");
    using var child = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start.");
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    try
    {
        await child.WaitForExitAsync(timeout.Token);
    }
    catch (OperationCanceledException)
    {
        child.Kill(entireProcessTree: true);
        Check(false, $"{Path.GetFileName(path)} finished within 2 minutes");
        return;
    }

    Check(child.ExitCode == 0, $"{Path.GetFileName(path)} exited with {child.ExitCode}");
}
