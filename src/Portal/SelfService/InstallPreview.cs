using Catalog.Applications;
using Catalog.Machines;
using Catalog.Macros;

namespace Portal.SelfService;

/// <summary>What the install dialog shows: the prompts in order, the machine's volumes, defaults, and the dependency plan.</summary>
public sealed record InstallPreview
{
    public required Application Application { get; init; }
    public required Machine Machine { get; init; }
    public required Inventory Inventory { get; init; }
    public IReadOnlyList<PromptedMacro> Prompts { get; init; } = [];
    /// <summary>The value each prompt starts with: its default, with macros expanded against the machine.</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();
    /// <summary>Dependencies this install also installs, in order (the application itself excluded).</summary>
    public IReadOnlyList<Application> AlsoInstalls { get; init; } = [];
    public IReadOnlyList<string> AlreadySatisfied { get; init; } = [];
    /// <summary>Why the install cannot go ahead (conflict, missing dependency, unmet requirement, …); null when it can.</summary>
    public string? Refusal { get; init; }
}
