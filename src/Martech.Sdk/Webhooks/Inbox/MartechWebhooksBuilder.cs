using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Martech.Sdk;

/// <summary>Configures the webhook inbox: its handlers and its store. Returned by <c>AddWebhooks()</c>.</summary>
public sealed class MartechWebhooksBuilder
{
    internal MartechWebhooksBuilder(MartechBuilder martech)
    {
        Martech = martech;
    }

    /// <summary>The Martech builder.</summary>
    public MartechBuilder Martech { get; }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Martech.Services;

    /// <summary>Adds a handler of one event type, resolved in a new DI scope for each event. Several handlers of one
    /// type all run, in registration order.</summary>
    /// <typeparam name="TEvent">The event type; <see cref="MartechEvent"/> for every event.</typeparam>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <returns>This builder.</returns>
    public MartechWebhooksBuilder AddHandler<TEvent, [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where TEvent : MartechEvent
        where THandler : class, IMartechEventHandler<TEvent>
    {
        Services.AddScoped<IMartechEventHandler<TEvent>, THandler>();
        return this;
    }

    /// <summary>Adds a handler written as a delegate.</summary>
    /// <typeparam name="TEvent">The event type; <see cref="MartechEvent"/> for every event.</typeparam>
    /// <param name="handler">Handles one event; gets the event's scoped services.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// .AddHandler&lt;EmailEvent&gt;((e, context, services, ct) =&gt; { Console.WriteLine($"{e.Type} {e.Recipient}"); return Task.CompletedTask; })
    /// </code>
    /// </example>
    public MartechWebhooksBuilder AddHandler<TEvent>(Func<TEvent, MartechEventContext, IServiceProvider, CancellationToken, Task> handler)
        where TEvent : MartechEvent
    {
        ArgumentNullException.ThrowIfNull(handler);
        Services.AddScoped<IMartechEventHandler<TEvent>>(sp => new DelegateEventHandler<TEvent>(handler, sp));
        return this;
    }

    /// <summary>Replaces the event store (the in-memory one by default) with one built from the container, such as a
    /// durable store.</summary>
    /// <param name="factory">Creates the store once.</param>
    /// <returns>This builder.</returns>
    public MartechWebhooksBuilder UseStore(Func<IServiceProvider, IWebhookEventStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<IWebhookEventStore>();
        Services.AddSingleton(factory);
        return this;
    }

    private sealed class DelegateEventHandler<TEvent>(Func<TEvent, MartechEventContext, IServiceProvider, CancellationToken, Task> handler, IServiceProvider services) : IMartechEventHandler<TEvent>
        where TEvent : MartechEvent
    {
        public Task HandleAsync(TEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken = default) =>
            handler(martechEvent, context, services, cancellationToken);
    }
}
