using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.HtmlRendering.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Portal.Tests.Components;

/// <summary>
/// Renders components to HTML without a browser. Unlike the framework's HtmlRenderer it accepts components that carry
/// a @rendermode (it simply instantiates them), so pages and layouts of the interactive portal can be rendered.
/// </summary>
public sealed class TestHtmlRenderer(IServiceProvider services, ILoggerFactory loggers) : StaticHtmlRenderer(services, loggers)
{
    public static TestHtmlRenderer Create(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure?.Invoke(services);
        return new TestHtmlRenderer(services.BuildServiceProvider(), NullLoggerFactory.Instance);
    }

    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent =>
        await Dispatcher.InvokeAsync(async () =>
        {
            var output = BeginRenderingComponent(typeof(TComponent), parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters));
            await output.QuiescenceTask;
            return output.ToHtmlString();
        });

    protected override IComponent ResolveComponentForRenderMode(
        Type componentType, int? parentComponentId, IComponentActivator componentActivator, IComponentRenderMode renderMode) =>
        componentActivator.CreateInstance(componentType);
}
