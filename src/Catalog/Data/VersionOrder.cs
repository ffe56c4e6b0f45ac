namespace Catalog.Data;

/// <summary>
/// Orders dotted version strings numerically part by part ("1.10" after "1.9"); a part that is not a number compares
/// as text after the numbers. Local to the data layer because the domain's DottedVersion type was not on this branch
/// when the repository was written; switch <see cref="ApplicationRepository.FindByNameAsync"/> to it once merged.
/// </summary>
internal sealed class VersionOrder : IComparer<string>
{
    public static VersionOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var left = (x ?? "").Split('.', '-', '+');
        var right = (y ?? "").Split('.', '-', '+');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var a = i < left.Length ? left[i] : "0";
            var b = i < right.Length ? right[i] : "0";
            var aNumber = long.TryParse(a, out var aValue);
            var bNumber = long.TryParse(b, out var bValue);
            var result = (aNumber, bNumber) switch
            {
                (true, true) => aValue.CompareTo(bValue),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }
}
