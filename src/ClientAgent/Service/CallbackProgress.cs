namespace ClientAgent.Service;

/// <summary>An <see cref="IProgress{T}"/> that calls back synchronously, so reports keep their order.</summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
