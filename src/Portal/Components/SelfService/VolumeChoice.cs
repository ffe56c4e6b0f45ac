using Catalog.Machines;

namespace Portal.Components.SelfService;

/// <summary>A volume offered by a volume prompt; disabled (and saying so) when it has less free space than the minimum.</summary>
public sealed record VolumeChoice(string Name, string Text, bool Disabled)
{
    public static VolumeChoice For(Volume volume, long minimumFreeMb) =>
        volume.FreeMb < minimumFreeMb
            ? new(volume.Name, $"{volume.Name} — only {Sizes.Mb(volume.FreeMb)} free", true)
            : new(volume.Name, $"{volume.Name} — {Sizes.Mb(volume.FreeMb)} free", false);
}
