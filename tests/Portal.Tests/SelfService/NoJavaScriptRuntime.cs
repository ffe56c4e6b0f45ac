using Microsoft.JSInterop;

namespace Portal.Tests.SelfService;

/// <summary>
/// Radzen components inject <see cref="IJSRuntime"/> but only call it after an interactive render; static rendering
/// never does. Any call is a test bug and fails loudly.
/// </summary>
public sealed class NoJavaScriptRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        throw new InvalidOperationException($"Static rendering called JavaScript '{identifier}'.");

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        throw new InvalidOperationException($"Static rendering called JavaScript '{identifier}'.");
}
