using Catalog.Applications;
using Catalog.Machines;
using Catalog.Requirements;

namespace Benchmarks.Requests;

/// <summary>
/// Realistic, reproducible (seeded) data for a store: applications with the requirements a department sets, and
/// machine inventories as the agent reports them (Debian, 4–16 CPUs, 8–64 GB, 3–6 volumes, 1,000–2,000 dpkg
/// packages with version and maintainer, the portal's applications installed on it).
/// </summary>
internal sealed class FleetGenerator(int seed)
{
    private static readonly string[] Stems =
    [
        "gtk", "glib", "ssl", "curl", "xml", "png", "jpeg", "python3", "perl", "systemd", "dbus", "pulse", "gstreamer",
        "qt5", "kf5", "x11", "xcb", "mesa", "drm", "wayland", "fontconfig", "freetype", "harfbuzz", "icu", "sqlite3",
        "gnutls", "krb5", "ldap", "sasl2", "pam", "selinux", "apparmor", "udev", "usb", "bluetooth", "cups", "avahi",
        "nss", "nspr", "gcc", "stdc++", "boost", "poppler", "cairo", "pango", "atk", "gdk-pixbuf", "webkit2gtk", "vte",
    ];

    private static readonly string[] Suffixes = ["", "-dev", "-common", "-data", "-bin", "-utils", "-doc", "-tools", "-plugins", "-l10n"];

    private static readonly string[] Maintainers =
    [
        "Debian GNOME Maintainers <pkg-gnome-maintainers@lists.alioth.debian.org>",
        "Debian X Strike Force <debian-x@lists.debian.org>",
        "Debian Python Team <team+python@tracker.debian.org>",
        "Debian Perl Group <pkg-perl-maintainers@lists.alioth.debian.org>",
        "Debian systemd Maintainers <pkg-systemd-maintainers@lists.alioth.debian.org>",
        "Debian Qt/KDE Maintainers <debian-qt-kde@lists.debian.org>",
        "Debian GCC Maintainers <debian-gcc@lists.debian.org>",
        "Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>",
        "Debian Multimedia Maintainers <debian-multimedia@lists.debian.org>",
        "Debian Printing Team <debian-printing@lists.debian.org>",
        "GNU Libc Maintainers <debian-glibc@lists.debian.org>",
        "Debian Security Tools <team+pkg-security@tracker.debian.org>",
    ];

    private readonly Random _random = new(seed);
    private readonly InstalledSoftware[] _pool = BuildPool(new Random(seed + 1));

    public Random Random => _random;

    /// <summary>The catalog: <paramref name="count"/> applications any user may install on a Debian machine.</summary>
    public IReadOnlyList<Application> Applications(int count, DateTimeOffset now) =>
        Enumerable.Range(0, count).Select(i => new Application
        {
            Id = new Guid(i + 1, 0xbe, 0x4c, [0, 0, 0, 0, 0, 0, 0, 1]),
            Name = $"Application {i:D3}",
            Version = $"{1 + i % 4}.{i % 10}",
            Publisher = $"Vendor {i % 12}",
            Category = (i % 5) switch { 0 => "Office", 1 => "Development", 2 => "Graphics", 3 => "Internet", _ => "Utilities" },
            Description = $"Application {i} as the department's software list describes it, with a sentence or two about what it is for.",
            Package = new PackageReference(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
                5_000_000 + i * 100_000, $"application-{i:D3}.zip"),
            Requirements =
            [
                new OsRequirement(OsFamily.Linux, "11"),
                new MemoryRequirement(2048 + i % 3 * 1024),
                new DiskSpaceRequirement("/", 200 + i * 10),
            ],
            CreatedAt = now.AddDays(-400 + i),
            UpdatedAt = now.AddDays(-400 + i),
        }).ToList();

    public Inventory Inventory(string hostName, IReadOnlyList<InstalledApplication> installed, DateTimeOffset reportedAt)
    {
        var packages = _pool.OrderBy(_ => _random.Next()).Take(_random.Next(1_000, 2_001)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var volumeCount = _random.Next(3, 7);
        var volumes = new List<Volume> { new("/", 120_000, 40_000 + _random.Next(0, 60_000)) };
        string[] mounts = ["/home", "/var", "/srv", "/opt", "/data"];
        for (var v = 1; v < volumeCount; v++)
        {
            var total = _random.Next(50_000, 2_000_000);
            volumes.Add(new Volume(mounts[v - 1], total, _random.Next(1_000, total)));
        }

        return new Inventory
        {
            OsFamily = OsFamily.Linux,
            OsVersion = _random.Next(3) == 0 ? "11" : "12",
            Architecture = CpuArchitecture.X64,
            CpuCount = _random.Next(4, 17),
            MemoryMb = 8192L << _random.Next(0, 4),
            HostName = hostName,
            Volumes = volumes,
            ExternalSoftware = packages,
            Applications = installed,
            Environment = new Dictionary<string, string> { ["LANG"] = "en_US.UTF-8", ["DEPARTMENT"] = $"dept-{_random.Next(20)}" },
            SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt", ["*HOME"] = "/root", ["*TEMP"] = "/tmp" },
            ReportedAt = reportedAt,
        };
    }

    private static InstalledSoftware[] BuildPool(Random random)
    {
        var pool = new List<InstalledSoftware>();
        foreach (var stem in Stems)
        {
            for (var n = 0; n < 6; n++)
            {
                foreach (var suffix in Suffixes)
                {
                    var name = n == 0 ? $"lib{stem}{suffix}" : $"lib{stem}{n}{suffix}";
                    var version = $"{random.Next(0, 5)}.{random.Next(0, 80)}.{random.Next(0, 20)}-{random.Next(1, 9)}+deb12u{random.Next(1, 4)}";
                    pool.Add(new InstalledSoftware(name, version, Maintainers[random.Next(Maintainers.Length)]));
                }
            }
        }

        return pool.ToArray();
    }
}
