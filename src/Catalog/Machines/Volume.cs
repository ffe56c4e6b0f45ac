namespace Catalog.Machines;

/// <summary>A mount point (Linux) or drive letter (Windows) with its sizes in MB.</summary>
public sealed record Volume(string Name, long TotalMb, long FreeMb);
