using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// MudBlazor's theme provider for <c>App.razor</c>'s <c>&lt;head&gt;</c>, rendered statically once per request: it writes
/// the theme's CSS variables and nothing else. <see cref="MudThemeProvider"/> stops its dark-mode watcher over JS interop
/// when it is disposed; rendered statically it never started one (that happens after an interactive render), and the
/// interop call threw an exception, swallowed by MudBlazor, on every page request.
/// </summary>
public sealed class StaticThemeProvider : MudThemeProvider
{
    protected override ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
