using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk;

/// <summary>Finds and runs the handlers of an event: those of its own type, then those of <see cref="MartechEvent"/>.
/// A switch over the SDK's event kinds instead of <c>MakeGenericType</c>, so it stays trim- and AOT-safe.</summary>
internal static class MartechEventHandlers
{
    public static Task<int> InvokeAsync(IServiceProvider services, MartechEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken) =>
        martechEvent switch
        {
            EmailEvent e => InvokeBothAsync(services, e, context, cancellationToken),
            ContactEvent e => InvokeBothAsync(services, e, context, cancellationToken),
            MessageReceivedEvent e => InvokeBothAsync(services, e, context, cancellationToken),
            MessageStatusEvent e => InvokeBothAsync(services, e, context, cancellationToken),
            FormSubmissionEvent e => InvokeBothAsync(services, e, context, cancellationToken),
            RawEvent e => InvokeBothAsync(services, e, context, cancellationToken),
            _ => InvokeTypedAsync(services, martechEvent, context, cancellationToken),
        };

    private static async Task<int> InvokeBothAsync<TEvent>(IServiceProvider services, TEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken)
        where TEvent : MartechEvent
    {
        int count = await InvokeTypedAsync(services, martechEvent, context, cancellationToken).ConfigureAwait(false);
        return count + await InvokeTypedAsync<MartechEvent>(services, martechEvent, context, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> InvokeTypedAsync<TEvent>(IServiceProvider services, TEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken)
        where TEvent : MartechEvent
    {
        int count = 0;
        foreach (IMartechEventHandler<TEvent> handler in services.GetServices<IMartechEventHandler<TEvent>>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await handler.HandleAsync(martechEvent, context, cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }
}
