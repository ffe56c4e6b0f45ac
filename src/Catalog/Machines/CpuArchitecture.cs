namespace Catalog.Machines;

public enum CpuArchitecture
{
    X64,
    Arm64,
    X86,
    Arm,
}
