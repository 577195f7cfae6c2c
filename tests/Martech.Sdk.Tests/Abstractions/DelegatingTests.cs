using System.Reflection;
using Martech.Sdk.Tests.Abstractions.Fakes;

namespace Martech.Sdk.Tests.Abstractions;

/// <summary>
/// What every <c>Delegating*</c> base must do, run once per capability by the derived classes: forward every
/// interface member to the inner instance, and answer <c>GetService</c> for its own type itself.
/// </summary>
/// <typeparam name="TInterface">The capability interface.</typeparam>
/// <typeparam name="TDelegating">The <c>Delegating*</c> base.</typeparam>
/// <typeparam name="TFake">The recording fake used as the inner instance.</typeparam>
public abstract class DelegatingTests<TInterface, TDelegating, TFake> : IDisposable
    where TInterface : class
    where TDelegating : class, TInterface
    where TFake : CallRecorder, TInterface, new()
{
    private readonly CancellationTokenSource _cts = new();

    protected DelegatingTests()
    {
        Inner = new TFake();
        Client = Wrap(Inner);
    }

    protected TFake Inner { get; }

    /// <summary>A class derived from the <c>Delegating*</c> base that overrides nothing.</summary>
    protected TDelegating Client { get; }

    protected CancellationToken Token => _cts.Token;

    protected abstract TDelegating Wrap(TInterface inner);

    /// <summary>Calls every member of the interface except GetService once, through <paramref name="client"/>.</summary>
    protected abstract Task InvokeEveryMemberAsync(TInterface client);

    [Fact]
    public async Task EveryInterfaceMember_IsForwardedToInner()
    {
        await InvokeEveryMemberAsync(Client);
        Client.GetType().GetMethod("GetService")!.Invoke(Client, [typeof(Uri), null]);

        var expected = InterfaceMethods().Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        var forwarded = Inner.Calls.Select(c => c.Member).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, forwarded);
        Assert.All(Inner.Calls.Where(c => c.Member != "GetService"), c => Assert.Equal(Token, Assert.IsType<CancellationToken>(c.Arguments[^1])));
    }

    [Fact]
    public void EveryInterfaceMember_IsPublicVirtualOnTheBase()
    {
        var targets = new[] { typeof(TInterface) }.Concat(typeof(TInterface).GetInterfaces())
            .SelectMany(i => typeof(TDelegating).GetInterfaceMap(i).TargetMethods);

        Assert.All(targets, m =>
        {
            Assert.Equal(typeof(TDelegating), m.DeclaringType);
            Assert.True(m.IsPublic && m.IsVirtual && !m.IsFinal, $"{m.Name} is not public virtual.");
        });
    }

    [Fact]
    public void GetService_OwnTypes_ReturnsTheDelegatingInstanceWithoutAskingInner()
    {
        Assert.Same(Client, GetService(Client, Client.GetType(), null));
        Assert.Same(Client, GetService(Client, typeof(TDelegating), null));
        Assert.Same(Client, GetService(Client, typeof(TInterface), null));
        Assert.Same(Client, GetService(Client, typeof(object), null));
        Assert.Empty(Inner.Calls);
    }

    [Fact]
    public void GetService_OtherType_IsForwardedToInner()
    {
        object? service = GetService(Client, typeof(MartechProviderMetadata), null);

        Assert.Same(Inner.ServiceAnswer, service);
        Assert.Equal([typeof(MartechProviderMetadata), null], Inner.Single("GetService").Arguments);
    }

    [Fact]
    public void GetService_InnerType_ReachesTheInnerInstance()
    {
        Assert.Same(Inner, GetService(Client, typeof(TFake), null));
    }

    [Fact]
    public void GetService_OwnTypeWithKey_IsForwardedToInner()
    {
        object? service = GetService(Client, typeof(TDelegating), "tenant-a");

        Assert.Same(Inner.ServiceAnswer, service);
        Assert.Equal([typeof(TDelegating), "tenant-a"], Inner.Single("GetService").Arguments);
    }

    [Fact]
    public void GetService_NullType_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<TargetInvocationException>(() => GetService(Client, null!, null));

        Assert.Equal("serviceType", Assert.IsType<ArgumentNullException>(ex.InnerException).ParamName);
    }

    [Fact]
    public void Constructor_NullInner_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Wrap(null!));
    }

    public void Dispose()
    {
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }

    private static object? GetService(TInterface client, Type serviceType, object? key) =>
        InterfaceMethods().First(m => m.Name == "GetService").Invoke(client, [serviceType, key]);

    /// <summary>The interface's members, those of the interfaces it extends included (ICampaignClient extends
    /// ICampaignStatsClient).</summary>
    private static IEnumerable<MethodInfo> InterfaceMethods() =>
        typeof(TInterface).GetMethods().Concat(typeof(TInterface).GetInterfaces().SelectMany(i => i.GetMethods()));
}
