namespace Benchmarks;

/// <summary>A runnable benchmark that prints its figures and the ratio against a baseline measured in the same run.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
