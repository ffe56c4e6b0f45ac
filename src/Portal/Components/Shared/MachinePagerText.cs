using Portal.Data;

namespace Portal.Components.Shared;

/// <summary>The machine pagers' "1-50 of N": past <see cref="MachineRepository.CountLimit"/> the count stops and says so.</summary>
public static class MachinePagerText
{
    public static string Format(int total) =>
        total > MachineRepository.CountLimit
            ? $"{{first_item}}-{{last_item}} of more than {MachineRepository.CountLimit:N0} (search to narrow)"
            : "{first_item}-{last_item} of {all_items}";
}
