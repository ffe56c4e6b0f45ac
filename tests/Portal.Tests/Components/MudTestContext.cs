using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Portal.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop (MudBlazor calls into JS that a test does not run).</summary>
public static class MudTestContext
{
    public static BunitContext Create()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }
}
