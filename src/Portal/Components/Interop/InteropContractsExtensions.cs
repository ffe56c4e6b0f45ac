using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.JSInterop;

namespace Portal.Components.Interop;

public static partial class InteropContractsExtensions
{
    /// <summary>
    /// Wraps the circuit's <see cref="IJSRuntime"/> registration (Blazor Server's <c>RemoteJSRuntime</c>, registered by
    /// <c>AddInteractiveServerComponents</c>, which must come first) so that each new runtime gets shared interop
    /// contracts (<see cref="InteropContracts"/>). The runtime itself is Blazor's, unchanged: the circuit factory casts it.
    /// </summary>
    public static IServiceCollection AddSharedInteropContracts(this IServiceCollection services)
    {
        var registration = services.LastOrDefault(d => d.ServiceType == typeof(IJSRuntime))
            ?? throw new InvalidOperationException("Add the interactive server components before the shared interop contracts.");
        if (registration.ImplementationType is not { } implementation || registration.Lifetime != ServiceLifetime.Scoped)
        {
            throw new InvalidOperationException($"IJSRuntime is registered as {registration}, not as a scoped type this can wrap.");
        }

        services.Replace(ServiceDescriptor.Scoped<IJSRuntime>(provider =>
        {
            var runtime = (IJSRuntime)ActivatorUtilities.CreateInstance(provider, implementation);
            if (!InteropContracts.TryShare(runtime, out var reason))
            {
                LogNotShared(provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InteropContracts)), reason);
            }

            return runtime;
        }));
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "JS interop contracts are built per circuit: {Reason}")]
    private static partial void LogNotShared(ILogger logger, string reason);
}
