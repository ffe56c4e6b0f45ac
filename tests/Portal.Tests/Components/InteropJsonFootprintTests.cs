using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using MudBlazor.Interop;
using MudBlazor.Services;
using Portal.Components.Interop;

namespace Portal.Tests.Components;

/// <summary>
/// Each circuit has its own JS interop options; with <see cref="SharedAccessorTypeInfoResolver"/> in them, MudBlazor's
/// interop payloads reuse one set of emitted accessors for the whole process (no DynamicMethod per circuit), runtime
/// interfaces get no contract per circuit, and the JSON sent to the browser is the same as with Blazor's own resolver.
/// </summary>
public sealed class InteropJsonFootprintTests
{
    private static readonly Type[] MudPayloads = [typeof(KeyInterceptorOptions), typeof(KeyOptions), typeof(ResizeOptions), typeof(BrowserWindowSize), typeof(BoundingClientRect)];

    [Fact]
    public void Blazors_runtime_exposes_its_interop_options_and_stands_in_for_their_reflection_resolver()
    {
        var runtime = new RecordingRuntime();

        Assert.True(InteropContracts.TryShare(runtime, out var reason), reason);

        // Blazor leaves the resolver unset (System.Text.Json's reflection resolver); the shared one falls back to it.
        var shared = Assert.Single(runtime.Options.TypeInfoResolverChain.OfType<SharedAccessorTypeInfoResolver>());
        Assert.IsType<DefaultJsonTypeInfoResolver>(shared.Fallback);
        Assert.DoesNotContain(runtime.Options.TypeInfoResolverChain, r => r is DefaultJsonTypeInfoResolver);
        Assert.True(InteropContracts.TryShare(runtime, out _));
        Assert.Single(runtime.Options.TypeInfoResolverChain.OfType<SharedAccessorTypeInfoResolver>());
    }

    [Fact]
    public void Each_circuit_runtime_blazor_creates_gets_the_shared_contracts()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(new TestWebHostEnvironment());
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSharedInteropContracts();
        using var provider = services.BuildServiceProvider();
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        var runtime = first.ServiceProvider.GetRequiredService<IJSRuntime>();

        // Blazor Server's own runtime (its circuit factory casts to it), with the shared resolver in its options.
        Assert.Equal("RemoteJSRuntime", runtime.GetType().Name);
        Assert.Same(runtime, first.ServiceProvider.GetRequiredService<IJSRuntime>());
        Assert.NotSame(runtime, second.ServiceProvider.GetRequiredService<IJSRuntime>());
        var options = (JsonSerializerOptions)typeof(JSRuntime).GetProperty("JsonSerializerOptions", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(runtime)!;
        Assert.IsType<SharedAccessorTypeInfoResolver>(Assert.Single(options.TypeInfoResolverChain));
    }

    [Fact]
    public void Two_circuits_share_the_accessors_of_mudblazors_payloads()
    {
        var first = SharedRuntime();
        var second = SharedRuntime();

        foreach (var type in MudPayloads)
        {
            var a = first.Options.GetTypeInfo(type);
            var b = second.Options.GetTypeInfo(type);
            Assert.NotNull(a.CreateObject);
            Assert.Same(a.CreateObject, b.CreateObject);
            Assert.NotEmpty(a.Properties);
            Assert.All(a.Properties.Zip(b.Properties), pair =>
            {
                Assert.Equal(pair.First.Name, pair.Second.Name);
                Assert.NotNull(pair.First.Get);
                Assert.Same(pair.First.Get, pair.Second.Get);
                Assert.Same(pair.First.Set, pair.Second.Set);
            });
        }
    }

    [Fact]
    public void Runtime_interfaces_looked_at_for_polymorphism_get_no_contract_but_collections_do()
    {
        var runtime = SharedRuntime();

        Assert.Null(runtime.Options.TypeInfoResolver!.GetTypeInfo(typeof(IComparable<int>), runtime.Options));
        Assert.Null(runtime.Options.TypeInfoResolver!.GetTypeInfo(typeof(System.Numerics.INumber<int>), runtime.Options));
        Assert.Null(runtime.Options.TypeInfoResolver!.GetTypeInfo(typeof(ValueType), runtime.Options));
        Assert.NotNull(runtime.Options.TypeInfoResolver!.GetTypeInfo(typeof(IReadOnlyList<KeyOptions>), runtime.Options));
        Assert.NotNull(runtime.Options.TypeInfoResolver!.GetTypeInfo(typeof(IDictionary<string, int>), runtime.Options));
    }

    [Fact]
    public void Interop_arguments_serialize_as_with_blazors_resolver()
    {
        var shared = SharedRuntime();
        var blazor = new RecordingRuntime();
        // A .NET object reference belongs to one runtime: each gets its own (both are the first, so both are 1).
        object?[] Arguments() =>
        [
            DotNetObjectReference.Create(new object()), "select-1", 42, 1.5, true, Breakpoint.Md, Guid.Empty, null,
            new KeyInterceptorOptions("mud-input-slot", new KeyOptions { Key = "Enter", SubscribeDown = true, PreventDown = "key+none" }, new KeyOptions { Key = "/./", SubscribeDown = true }),
            new ResizeOptions { ReportRate = 250, BreakpointDefinitions = new() { [Breakpoint.Md] = 960 } },
            new BrowserWindowSize { Width = 1366, Height = 800 },
            new BoundingClientRect { Top = 1, Left = 2, Width = 3, Height = 4, WindowWidth = 5, WindowHeight = 6 },
            new Dictionary<string, object?> { ["a"] = 1, ["b"] = new[] { "x" } },
        ];

        // The call is sent at once; no answer comes back from this runtime, so the tasks are left pending.
        _ = shared.InvokeVoidAsync("mud.test", Arguments());
        _ = blazor.InvokeVoidAsync("mud.test", Arguments());

        Assert.NotNull(shared.LastArguments);
        Assert.Contains("\"targetClass\":\"mud-input-slot\"", shared.LastArguments);
        Assert.Equal(blazor.LastArguments, shared.LastArguments);
    }

    [Fact]
    public void Payloads_read_back_from_javascript_as_with_blazors_resolver()
    {
        const string json = """{"width":390,"height":844}""";
        const string rect = """{"top":1.5,"left":2,"width":3,"height":4,"windowWidth":390,"windowHeight":844,"scrollX":0,"scrollY":7}""";

        var shared = JsonSerializer.Deserialize<BrowserWindowSize>(json, SharedRuntime().Options)!;
        var blazor = JsonSerializer.Deserialize<BrowserWindowSize>(json, new RecordingRuntime().Options)!;
        var sharedRect = JsonSerializer.Deserialize<BoundingClientRect>(rect, SharedRuntime().Options)!;

        Assert.Equal((blazor.Width, blazor.Height), (shared.Width, shared.Height));
        Assert.Equal((390, 844), (shared.Width, shared.Height));
        Assert.Equal((1.5, 3.0, 7.0), (sharedRect.Top, sharedRect.Width, sharedRect.ScrollY));
    }

    private static RecordingRuntime SharedRuntime()
    {
        var runtime = new RecordingRuntime();
        Assert.True(InteropContracts.TryShare(runtime, out var reason), reason);
        return runtime;
    }

    private sealed class TestWebHostEnvironment : Microsoft.AspNetCore.Hosting.IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider WebRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();

        public string ApplicationName { get; set; } = "Portal";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public string EnvironmentName { get; set; } = "Production";
    }

    /// <summary>A JS runtime like a circuit's (same base class and options), which records the JSON it would send.</summary>
    private sealed class RecordingRuntime : JSRuntime
    {
        public JsonSerializerOptions Options => JsonSerializerOptions;

        public string? LastArguments { get; private set; }

        protected override void BeginInvokeJS(long taskId, string identifier, string? argsJson, JSCallResultType resultType, long targetInstanceId) =>
            LastArguments = argsJson;

        protected override void EndInvokeDotNet(Microsoft.JSInterop.Infrastructure.DotNetInvocationInfo invocationInfo, in Microsoft.JSInterop.Infrastructure.DotNetInvocationResult invocationResult)
        {
        }
    }
}
