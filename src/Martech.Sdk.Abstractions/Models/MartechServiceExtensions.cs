namespace Martech.Sdk;

/// <summary>Typed <c>GetService</c> helpers for every capability.</summary>
public static class MartechServiceExtensions
{
    /// <summary>Gets a service of type <typeparamref name="TService"/> from a contact client's pipeline.</summary>
    /// <typeparam name="TService">The type wanted.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static TService? GetService<TService>(this IContactClient client, object? serviceKey = null)
        where TService : class => (client ?? throw new ArgumentNullException(nameof(client))).GetService(typeof(TService), serviceKey) as TService;

    /// <summary>Gets a service of type <typeparamref name="TService"/> from a lead client's pipeline.</summary>
    /// <typeparam name="TService">The type wanted.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static TService? GetService<TService>(this ILeadClient client, object? serviceKey = null)
        where TService : class => (client ?? throw new ArgumentNullException(nameof(client))).GetService(typeof(TService), serviceKey) as TService;

    /// <summary>Gets a service of type <typeparamref name="TService"/> from a campaign client's pipeline.</summary>
    /// <typeparam name="TService">The type wanted.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static TService? GetService<TService>(this ICampaignClient client, object? serviceKey = null)
        where TService : class => (client ?? throw new ArgumentNullException(nameof(client))).GetService(typeof(TService), serviceKey) as TService;

    /// <summary>Gets a service of type <typeparamref name="TService"/> from a campaign stats client's pipeline.</summary>
    /// <typeparam name="TService">The type wanted.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static TService? GetService<TService>(this ICampaignStatsClient client, object? serviceKey = null)
        where TService : class => (client ?? throw new ArgumentNullException(nameof(client))).GetService(typeof(TService), serviceKey) as TService;

    /// <summary>Gets a service of type <typeparamref name="TService"/> from an email sender's pipeline.</summary>
    /// <typeparam name="TService">The type wanted.</typeparam>
    /// <param name="sender">The sender.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static TService? GetService<TService>(this IEmailSender sender, object? serviceKey = null)
        where TService : class => (sender ?? throw new ArgumentNullException(nameof(sender))).GetService(typeof(TService), serviceKey) as TService;

    /// <summary>Gets a service of type <typeparamref name="TService"/> from a message sender's pipeline.</summary>
    /// <typeparam name="TService">The type wanted.</typeparam>
    /// <param name="sender">The sender.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static TService? GetService<TService>(this IMessageSender sender, object? serviceKey = null)
        where TService : class => (sender ?? throw new ArgumentNullException(nameof(sender))).GetService(typeof(TService), serviceKey) as TService;

    /// <summary>Gets a service of type <typeparamref name="TService"/> from a suppression list's pipeline.</summary>
    /// <typeparam name="TService">The type wanted.</typeparam>
    /// <param name="list">The list.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static TService? GetService<TService>(this IEmailSuppressionList list, object? serviceKey = null)
        where TService : class => (list ?? throw new ArgumentNullException(nameof(list))).GetService(typeof(TService), serviceKey) as TService;
}
