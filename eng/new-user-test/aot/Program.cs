// The new-user test's Native AOT app: only the shipped provider packages (Martech.Sdk.SendGrid, Martech.Sdk.HubSpot) and
// Microsoft.Extensions.Hosting, everything from appsettings.json. The emulators run in another process (the test app
// started with --run), which passes their addresses as Martech__SendGrid__BaseAddress and Martech__HubSpot__BaseAddress;
// appsettings.json points both vendors at a closed loopback port, so this app never reaches a real vendor.
using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddMartech(builder.Configuration.GetSection("Martech"))
    .AddSendGrid()
    .Martech.AddHubSpot();
using var host = builder.Build();
await host.StartAsync();

IConfiguration welcome = builder.Configuration.GetSection("Welcome");
var contacts = host.Services.GetRequiredService<IContactClient>();
var upsert = await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse(welcome["To"]), FirstName = "Ada", LastName = "Lovelace" });
Console.WriteLine($"aot: contact {welcome["To"]} {(upsert.Created ? "created" : "updated")} in HubSpot as {upsert.Value.Id}");

var email = host.Services.GetRequiredService<IEmailSender>();
var message = new EmailMessage { From = EmailAddress.Parse(welcome["From"]), Subject = welcome["Subject"], TextBody = welcome["Text"] };
message.To.Add(EmailAddress.Parse(welcome["To"]));
var result = await email.SendAsync(message);
Console.WriteLine($"aot: email to {welcome["To"]} {result.Status} by SendGrid as {result.MessageId}");

await host.StopAsync();
return result.Status == SendStatus.Accepted && upsert.Value.Id is not null ? 0 : 1;
