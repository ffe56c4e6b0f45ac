using Catalog.Applications;
using Catalog.ExternalSoftware;
using Catalog.Machines;
using Catalog.Requirements;
using Catalog.Versioning;

namespace Catalog.Dependencies;

/// <summary>
/// Works out the install order for an application and its dependencies on one machine.
/// <list type="bullet">
/// <item>A dependency on an application (by id) is satisfied by that application, or one of the same name, already
/// installed in the version range, or by external software of that name on the published list; otherwise the
/// catalog application of that name with the highest version in the range is installed (with no range: exactly
/// the referenced application).</item>
/// <item>A dependency on external software is satisfied by it being installed (matched through the list); otherwise
/// a catalog application of that name in the range is installed.</item>
/// <item>Dependencies that would be installed must meet their own requirements on the machine.</item>
/// <item>Conflicts of every application in the plan are checked against installed applications, external software
/// and the rest of the plan, and installed applications' own conflicts against the plan.</item>
/// </list>
/// </summary>
public static class DependencyResolver
{
    public static InstallPlan Resolve(
        Application target,
        IReadOnlyCollection<Application> catalog,
        Inventory machine,
        ExternalSoftwareList externalList)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(externalList);
        var resolution = new Resolution(target, catalog, machine, externalList);
        var refusal = resolution.Visit(target);
        if (refusal is not null)
        {
            return InstallPlan.Refused(refusal);
        }

        var conflicts = resolution.FindConflicts();
        return conflicts.Count > 0
            ? InstallPlan.Refused(string.Join("; ", conflicts))
            : InstallPlan.Planned(resolution.Order, resolution.Satisfied);
    }

    private sealed class Resolution
    {
        private readonly Application _target;
        private readonly Dictionary<Guid, Application> _byId = [];
        private readonly Inventory _machine;
        private readonly ExternalSoftwareList _externalList;
        private readonly List<Application> _path = [];
        private readonly HashSet<Guid> _planned = [];

        public Resolution(Application target, IReadOnlyCollection<Application> catalog, Inventory machine, ExternalSoftwareList externalList)
        {
            _target = target;
            _machine = machine;
            _externalList = externalList;
            foreach (var app in catalog)
            {
                _byId.TryAdd(app.Id, app);
            }

            _byId.TryAdd(target.Id, target);
        }

        public List<Application> Order { get; } = [];

        public List<string> Satisfied { get; } = [];

        /// <summary>Plans <paramref name="app"/> after its dependencies; returns a refusal or null.</summary>
        public string? Visit(Application app)
        {
            if (_planned.Contains(app.Id))
            {
                return null;
            }

            _path.Add(app);
            foreach (var dependency in app.Dependencies)
            {
                var refusal = Satisfy(app, dependency);
                if (refusal is not null)
                {
                    return refusal;
                }
            }

            _path.RemoveAt(_path.Count - 1);
            if (app.Id != _target.Id)
            {
                var evaluation = RequirementEvaluator.Evaluate(app, _machine, _externalList, NameOf);
                if (!evaluation.IsAvailable)
                {
                    return $"{Label(app)}, needed by {Label(_path[^1])}, cannot be installed on this machine: {string.Join("; ", evaluation.Reasons)}";
                }
            }

            _planned.Add(app.Id);
            Order.Add(app);
            return null;
        }

        private string? Satisfy(Application app, Dependency dependency)
        {
            if (!VersionRange.TryParse(dependency.MinVersion, dependency.MaxVersion, out var range, out var rangeError))
            {
                return $"{app.Name} has an invalid dependency: {rangeError}";
            }

            var rangeText = range.IsAny ? "" : $" {range}";
            if (dependency.ApplicationId is { } id)
            {
                if (!_byId.TryGetValue(id, out var referenced))
                {
                    return $"{app.Name} depends on application {id}, which is not in the catalog";
                }

                var installed = _machine.Applications.FirstOrDefault(i =>
                    (i.ApplicationId == id || SameName(i.Name, referenced.Name)) && InRange(i.Version, range));
                if (installed is not null)
                {
                    Note($"{installed.Name} {installed.Version} is already installed");
                    return null;
                }

                if (_externalList.Find(referenced.Name) is not null &&
                    ExternalSoftwareMatcher.FindByName(_externalList, referenced.Name, _machine, range) is not null)
                {
                    Note($"{referenced.Name} is installed by other means");
                    return null;
                }

                IReadOnlyList<Application> candidates = range.IsAny ? [referenced] : Candidates(referenced.Name, range);
                if (candidates.Count == 0)
                {
                    var available = SameNamed(referenced.Name).Select(a => a.Version).ToList();
                    return $"{app.Name} needs {referenced.Name}{rangeText}; the catalog has only {referenced.Name} {string.Join(", ", available)}";
                }

                return Plan(candidates);
            }

            if (!string.IsNullOrWhiteSpace(dependency.ExternalSoftwareName))
            {
                var name = dependency.ExternalSoftwareName.Trim();
                if (ExternalSoftwareMatcher.FindByName(_externalList, name, _machine, range) is not null)
                {
                    Note($"{name} is installed by other means");
                    return null;
                }

                var installed = _machine.Applications.FirstOrDefault(i => SameName(i.Name, name) && InRange(i.Version, range));
                if (installed is not null)
                {
                    Note($"{installed.Name} {installed.Version} is already installed");
                    return null;
                }

                var candidates = Candidates(name, range);
                return candidates.Count > 0
                    ? Plan(candidates)
                    : $"{app.Name} needs {name}{rangeText}, which is not installed on this machine and not in the catalog";
            }

            return $"{app.Name} has a dependency that names no application or software";
        }

        /// <summary>Uses a candidate already planned, else plans the first (best) one, refusing a cycle.</summary>
        private string? Plan(IReadOnlyList<Application> candidates)
        {
            if (candidates.Any(c => _planned.Contains(c.Id)))
            {
                return null;
            }

            var chosen = candidates[0];
            var start = _path.FindIndex(a => a.Id == chosen.Id);
            if (start >= 0)
            {
                var chain = _path.Skip(start).Append(chosen).Select(a => a.Name);
                return $"Dependency cycle: {string.Join(" -> ", chain)}";
            }

            return Visit(chosen);
        }

        public List<string> FindConflicts()
        {
            var conflicts = new List<string>();
            foreach (var app in Order)
            {
                foreach (var conflict in app.Conflicts)
                {
                    conflicts.AddRange(ConflictsOf(app, conflict));
                }
            }

            var plannedIds = Order.Select(a => a.Id).ToHashSet();
            foreach (var installed in _machine.Applications)
            {
                if (plannedIds.Contains(installed.ApplicationId) || !_byId.TryGetValue(installed.ApplicationId, out var definition))
                {
                    continue;
                }

                foreach (var conflict in definition.Conflicts)
                {
                    if (!VersionRange.TryParse(conflict.MinVersion, conflict.MaxVersion, out var range, out _))
                    {
                        continue;
                    }

                    foreach (var app in Order.Where(a => Targets(conflict, a.Id, a.Name) && InRange(a.Version, range)))
                    {
                        conflicts.Add($"{installed.Name} {installed.Version}, which is installed, conflicts with {Label(app)}");
                    }
                }
            }

            return conflicts.Distinct().ToList();
        }

        private IEnumerable<string> ConflictsOf(Application app, Conflict conflict)
        {
            if (!VersionRange.TryParse(conflict.MinVersion, conflict.MaxVersion, out var range, out var rangeError))
            {
                yield return $"{app.Name} has an invalid conflict: {rangeError}";
                yield break;
            }

            foreach (var installed in _machine.Applications)
            {
                if (installed.ApplicationId != app.Id && Targets(conflict, installed.ApplicationId, installed.Name) && InRange(installed.Version, range))
                {
                    yield return $"{Label(app)} conflicts with {installed.Name} {installed.Version}, which is installed";
                }
            }

            foreach (var other in Order)
            {
                if (other.Id != app.Id && Targets(conflict, other.Id, other.Name) && InRange(other.Version, range))
                {
                    yield return $"{Label(app)} conflicts with {Label(other)}, which this install would also install";
                }
            }

            if (!string.IsNullOrWhiteSpace(conflict.ExternalSoftwareName))
            {
                var name = conflict.ExternalSoftwareName.Trim();
                var external = ExternalSoftwareMatcher.FindByName(_externalList, name, _machine, range);
                if (external is not null)
                {
                    yield return $"{Label(app)} conflicts with {name} {external.Version}, which is installed on this machine";
                }
            }
        }

        /// <summary>Whether a conflict names this application: by id, or by the name of the application it references or names.</summary>
        private bool Targets(Conflict conflict, Guid id, string name)
        {
            if (conflict.ApplicationId is { } conflictId)
            {
                return conflictId == id || (_byId.TryGetValue(conflictId, out var referenced) && SameName(referenced.Name, name));
            }

            return !string.IsNullOrWhiteSpace(conflict.ExternalSoftwareName) && SameName(conflict.ExternalSoftwareName, name);
        }

        private List<Application> Candidates(string name, VersionRange range) =>
            SameNamed(name)
                .Where(a => InRange(a.Version, range))
                .OrderByDescending(a => DottedVersion.TryParse(a.Version, out var v) ? v : null)
                .ToList();

        private IEnumerable<Application> SameNamed(string name) =>
            _byId.Values.Where(a => SameName(a.Name, name)).OrderBy(a => DottedVersion.TryParse(a.Version, out var v) ? v : null);

        private void Note(string message)
        {
            if (!Satisfied.Contains(message))
            {
                Satisfied.Add(message);
            }
        }

        private string? NameOf(Guid id) => _byId.TryGetValue(id, out var app) ? app.Name : null;

        private static string Label(Application app) => $"{app.Name} {app.Version}";

        private static bool SameName(string? left, string? right) =>
            string.Equals(left?.Trim(), right?.Trim(), StringComparison.OrdinalIgnoreCase);

        private static bool InRange(string version, VersionRange range) =>
            range.IsAny || (DottedVersion.TryParseReported(version, out var parsed) && range.Contains(parsed));
    }
}
