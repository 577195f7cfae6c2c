using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>Checks <see cref="VendorSloOptions"/> when the host starts: the settings, that every instance with
/// objectives is a registered provider, and that the escalation provider sends messages.</summary>
internal sealed class VendorSloOptionsValidator(string path, MartechRegistry registry) : IValidateOptions<VendorSloOptions>
{
    public ValidateOptionsResult Validate(string? name, VendorSloOptions options)
    {
        var problems = options.Validate(path).ToList();
        string registered = Names([.. registry.Providers.Select(p => p.Name)]);
        foreach (string instance in options.Providers.Keys)
        {
            if (!string.IsNullOrWhiteSpace(instance) && !registry.TryGet(instance, out _))
            {
                problems.Add($"{path}:{instance} sets objectives for '{instance}', but no provider instance has that name. Registered instances: {registered}. Use one of them, or register the instance (such as AddSendGrid(\"{instance}\")).");
            }
        }

        if (options.Escalation?.Provider is { } provider)
        {
            IReadOnlyList<string> senders = registry.ProvidersOf(typeof(IMessageSender));
            if (!senders.Contains(provider, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(registry.TryGet(provider, out _)
                    ? $"{path}:Escalation:Provider names '{provider}', which does not send messages. Instances that do: {Names(senders)}."
                    : $"{path}:Escalation:Provider names '{provider}', but no provider instance has that name. Instances that send messages: {Names(senders)}.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
