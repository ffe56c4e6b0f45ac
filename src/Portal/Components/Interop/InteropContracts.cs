using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.JSInterop;

namespace Portal.Components.Interop;

/// <summary>
/// Puts <see cref="SharedAccessorTypeInfoResolver"/> into a circuit's JS interop options. It has to happen as the
/// circuit's <see cref="JSRuntime"/> is created: Blazor calls into JavaScript while it builds the circuit, before any
/// circuit handler runs, and the options are read-only after their first use. Blazor does not expose the options
/// (<c>JSRuntime.JsonSerializerOptions</c> is protected), so they are read by reflection; should a later Blazor hide them
/// differently, the circuit keeps Blazor's own contracts (and their memory) and the portal logs why.
/// </summary>
public static class InteropContracts
{
    private static readonly PropertyInfo? OptionsProperty =
        typeof(JSRuntime).GetProperty("JsonSerializerOptions", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    private static readonly DefaultJsonTypeInfoResolver ReflectionResolver = new();

    /// <summary>Puts the shared resolver in the place of Blazor's reflection resolver (which it falls back to); false (and why) when it cannot.</summary>
    public static bool TryShare(IJSRuntime runtime, out string reason)
    {
        if (runtime is not JSRuntime || OptionsProperty?.GetValue(runtime) is not JsonSerializerOptions options)
        {
            reason = $"{runtime.GetType().Name} exposes no interop JsonSerializerOptions";
            return false;
        }

        if (options.IsReadOnly)
        {
            reason = "the interop options were already in use";
            return false;
        }

        var chain = options.TypeInfoResolverChain;
        if (chain.Any(resolver => resolver is SharedAccessorTypeInfoResolver))
        {
            reason = "";
            return true;
        }

        if (options.TypeInfoResolver is null)
        {
            // No resolver set: System.Text.Json would use its reflection resolver when the options are first used.
            options.TypeInfoResolver = new SharedAccessorTypeInfoResolver(ReflectionResolver);
            reason = "";
            return true;
        }

        var reflection = chain.Select((resolver, index) => (resolver, index)).FirstOrDefault(r => r.resolver is DefaultJsonTypeInfoResolver);
        if (reflection.resolver is null)
        {
            reason = "the interop options have no reflection resolver to stand in for (" + options.TypeInfoResolver.GetType().Name + ")";
            return false;
        }

        chain[reflection.index] = new SharedAccessorTypeInfoResolver(reflection.resolver);
        reason = "";
        return true;
    }

}
